import { sql } from "drizzle-orm";
import { db, type DbOrTx } from "@/db/client";
import { rowsOf } from "@/db/sets";
import { RateLimited } from "@/lib/errors";

// Rate limits are per marketplace app key and shared by every tenant, so the budget
// lives in the database where every process sees it. Both statements are single
// atomic upserts: concurrent callers in any process never overspend.

export type RateBudget = { appKey: string; perSecond: number; perDay: number | null };

// Etsy counts calls in a sliding one-second window (the sandbox does the same): a burst
// of `perSecond` followed by the refill would put perSecond + 1 calls in one window and
// earn a 429, whose retry costs a call of the daily budget and a second of waiting. So
// the bucket holds a single call, and calls are spaced a little wider than the limit
// because they reach the API a few milliseconds after their reservation, unevenly.
const BUCKET_CAPACITY = 1;
const SPACING_MARGIN = 0.95;

/**
 * Reserves one request from the token bucket and returns how long to wait before
 * sending it. Tokens may go negative: a negative balance is a queue of reservations
 * that drains at the budget's rate, so waiters are served in order without polling.
 */
export async function reserveRequest(budget: RateBudget, maxWaitMs: number, conn: DbOrTx = db): Promise<number> {
  const capacity = BUCKET_CAPACITY;
  const rate = budget.perSecond * SPACING_MARGIN;
  const rows = await conn.execute<{ tokens: number }>(sql`
    insert into rate_limit_buckets (app_key, tokens, updated_at)
    values (${budget.appKey}, ${capacity - 1}, clock_timestamp())
    on conflict (app_key) do update set
      tokens = least(${capacity}::float8, rate_limit_buckets.tokens
        + extract(epoch from (clock_timestamp() - rate_limit_buckets.updated_at)) * ${rate}::float8) - 1,
      updated_at = clock_timestamp()
    returning tokens`);
  const tokens = Number(rowsOf<{ tokens: number }>(rows)[0]?.tokens ?? 0);
  if (tokens >= 0) return 0;
  const waitMs = Math.ceil((-tokens / rate) * 1000);
  if (waitMs > maxWaitMs) {
    await conn.execute(sql`update rate_limit_buckets set tokens = tokens + 1 where app_key = ${budget.appKey}`);
    throw new RateLimited("The marketplace request budget is busy. We will try again shortly.", waitMs);
  }
  return waitMs;
}

/** Counts one call against the app key's UTC-day budget; refuses once the day is spent. */
export async function countDailyCall(budget: RateBudget, conn: DbOrTx = db): Promise<number> {
  const rows = await conn.execute<{ calls: number }>(sql`
    insert into api_call_counts (app_key, day, calls)
    values (${budget.appKey}, to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD'), 1)
    on conflict (app_key, day) do update set calls = api_call_counts.calls + 1
    returning calls`);
  const calls = Number(rowsOf<{ calls: number }>(rows)[0]?.calls ?? 0);
  if (budget.perDay !== null && calls > budget.perDay) {
    const now = new Date();
    const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
    throw new RateLimited("Today's marketplace request budget is used up. Syncing resumes tomorrow (UTC).", midnight - now.getTime());
  }
  return calls;
}
