import { sql } from "drizzle-orm";
import { db, type DbOrTx } from "@/db/client";
import { rowsOf } from "@/db/sets";
import { RateLimited } from "@/lib/errors";

// Rate limits are per marketplace app key and shared by every tenant, so the budget
// lives in the database where every process sees it. A call's reservation is one
// statement of atomic upserts: concurrent callers in any process never overspend.

export type RateBudget = { appKey: string; perSecond: number; perDay: number | null };

// Etsy counts calls in a sliding one-second window (the sandbox does the same): a burst
// of `perSecond` followed by the refill would put perSecond + 1 calls in one window and
// earn a 429, whose retry costs a call of the daily budget and a second of waiting. So
// the bucket holds a single call, and calls are spaced a little wider than the limit
// because they reach the API a few milliseconds after their reservation, unevenly.
const BUCKET_CAPACITY = 1;
const SPACING_MARGIN = 0.95;

/**
 * Counts one call against the app key's UTC-day budget and reserves it from the per-second token
 * bucket, in one statement (every marketplace call pays for it), and returns how long to wait before
 * sending it. Tokens may go negative: a negative balance is a queue of reservations that drains at
 * the budget's rate, so waiters are served in order without polling. Refuses once the day is spent,
 * or once the marketplace itself reported nothing left today (its day is a rolling 24 h), and when
 * the wait would exceed `maxWaitMs`; a refused call gives its token back.
 */
export async function reserveCall(budget: RateBudget, maxWaitMs: number, conn: DbOrTx = db): Promise<number> {
  const capacity = BUCKET_CAPACITY;
  // The rate the marketplace last reported wins over the configured one (it may be lower or raised).
  const rateSql = sql`(coalesce(rate_limit_buckets.reported_per_second, ${budget.perSecond}::float8) * ${SPACING_MARGIN}::float8)`;
  const rows = await conn.execute(sql`
    with counted as (
      insert into api_call_counts (app_key, day, calls)
      values (${budget.appKey}, to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD'), 1)
      on conflict (app_key, day) do update set calls = api_call_counts.calls + 1
      returning calls),
    bucket as (
      insert into rate_limit_buckets (app_key, tokens, updated_at)
      values (${budget.appKey}, ${capacity - 1}, clock_timestamp())
      on conflict (app_key) do update set
        tokens = least(${capacity}::float8, rate_limit_buckets.tokens
          + extract(epoch from (clock_timestamp() - rate_limit_buckets.updated_at)) * ${rateSql}) - 1,
        updated_at = clock_timestamp()
      returning tokens, coalesce(reported_per_second, ${budget.perSecond}::float8) * ${SPACING_MARGIN}::float8 as rate,
        reported_per_day, case when reported_at > clock_timestamp() - interval '1 minute' then reported_remaining_today end as remaining)
    select counted.calls, bucket.tokens, bucket.rate, bucket.reported_per_day as per_day, bucket.remaining from counted, bucket`);
  const row = rowsOf<{ calls: number; tokens: number; rate: number; per_day: number | null; remaining: number | null }>(rows)[0];
  const calls = Number(row?.calls ?? 0);
  const perDay = row?.per_day ?? budget.perDay;
  const giveBack = () => conn.execute(sql`update rate_limit_buckets set tokens = tokens + 1 where app_key = ${budget.appKey}`);
  if ((perDay !== null && calls > perDay) || (row?.remaining !== null && row?.remaining !== undefined && Number(row.remaining) <= 0)) {
    await giveBack();
    const now = new Date();
    const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
    throw new RateLimited("Today's marketplace request budget is used up. Syncing resumes tomorrow (UTC).", midnight - now.getTime());
  }
  const tokens = Number(row?.tokens ?? 0);
  const rate = Number(row?.rate ?? budget.perSecond * SPACING_MARGIN);
  if (tokens >= 0) return 0;
  const waitMs = Math.ceil((-tokens / rate) * 1000);
  if (waitMs > maxWaitMs) {
    await giveBack();
    throw new RateLimited("The marketplace request budget is busy. We will try again shortly.", waitMs);
  }
  return waitMs;
}

export type ReportedLimits = { perSecond: number | null; perDay: number | null; remainingToday: number | null };

/** Etsy's `x-limit-per-second`, `x-limit-per-day` and `x-remaining-today` on a response, if present. */
export function reportedLimits(headers: Headers): ReportedLimits | null {
  const num = (name: string) => {
    const v = headers.get(name);
    const n = v === null ? NaN : Number(v);
    return Number.isFinite(n) && n >= 0 ? n : null;
  };
  const limits = { perSecond: num("x-limit-per-second"), perDay: num("x-limit-per-day"), remainingToday: num("x-remaining-today") };
  return limits.perSecond === null && limits.perDay === null && limits.remainingToday === null ? null : limits;
}

/** Remembers what the marketplace reported, for the bucket, the daily budget and the Sync page. */
export async function recordReportedLimits(appKey: string, limits: ReportedLimits, conn: DbOrTx = db): Promise<void> {
  await conn.execute(sql`
    insert into rate_limit_buckets (app_key, tokens, updated_at, reported_per_second, reported_per_day, reported_remaining_today, reported_at)
    values (${appKey}, ${BUCKET_CAPACITY}, clock_timestamp(), ${limits.perSecond}, ${limits.perDay}, ${limits.remainingToday}, clock_timestamp())
    on conflict (app_key) do update set
      reported_per_second = coalesce(excluded.reported_per_second, rate_limit_buckets.reported_per_second),
      reported_per_day = coalesce(excluded.reported_per_day, rate_limit_buckets.reported_per_day),
      reported_remaining_today = coalesce(excluded.reported_remaining_today, rate_limit_buckets.reported_remaining_today),
      reported_at = clock_timestamp()`);
}

/** The budget the marketplace last reported for an app key (null where it never said). */
export async function reportedBudget(appKey: string, conn: DbOrTx = db) {
  const rows = rowsOf<{ per_second: number | null; per_day: number | null; remaining: number | null; at: string | Date | null }>(
    await conn.execute(sql`select reported_per_second as per_second, reported_per_day as per_day, reported_remaining_today as remaining, reported_at as at from rate_limit_buckets where app_key = ${appKey}`),
  );
  const r = rows[0];
  if (!r || r.at === null) return null;
  return { perSecond: r.per_second === null ? null : Number(r.per_second), perDay: r.per_day === null ? null : Number(r.per_day), remainingToday: r.remaining === null ? null : Number(r.remaining), at: new Date(r.at) };
}
