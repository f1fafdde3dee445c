import { and, count, desc, eq, gte, sql } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { db } from "@/db/client";
import { apiCallCounts, marketplaceConnections, SYNC_KINDS, SYNC_STATUSES, syncRuns, type Marketplace, type MarketplaceConnection } from "@/db/schema";
import { marketplaceDescriptor } from "@/lib/marketplaces/registry";
import { reportedBudget } from "@/lib/marketplaces/rate-limit";
import { Conflict, NotFound } from "@/lib/errors";
import { requestSync } from "@/lib/sync/triggers";
import { assertRole, type OrgContext } from "@/lib/tenancy/context";

type Kind = (typeof SYNC_KINDS)[number];

/** Etsy publishes a per-day budget for an app key; eBay's Sell API limits are per call type, so we show none. */
export function dailyLimit(m: Marketplace): number | null {
  return marketplaceDescriptor(m).rateBudget().perDay;
}

/** The budget as the marketplace last reported it in its response headers, or the configured one until it has. */
async function appBudget(m: Marketplace) {
  const budget = marketplaceDescriptor(m).rateBudget();
  if (budget.perDay === null) return { perDay: null, remainingToday: null, reportedAt: null };
  const reported = await reportedBudget(budget.appKey);
  return { perDay: reported?.perDay ?? dailyLimit(m), remainingToday: reported?.remainingToday ?? null, reportedAt: reported?.at ?? null };
}

type ScheduleFields = Pick<MarketplaceConnection, "marketplace" | "nextOrdersPollAt" | "listingsSyncedAt" | "fulfillmentCursor">;

/**
 * Pure: when each kind of sync is next due, from the same connection fields the
 * scheduler reads (adaptive orders poll time, last listings sync, fulfillment cursor).
 * Anything overdue or never run is due now.
 */
export function nextScheduled(c: ScheduleFields, now: Date): Partial<Record<Kind, Date>> {
  const poll = marketplaceDescriptor(c.marketplace).pollMinutes();
  const after = (t: Date | null, minutes: number) => new Date(Math.max(now.getTime(), t ? t.getTime() + minutes * 60_000 : 0));
  const out: Partial<Record<Kind, Date>> = {
    orders: new Date(Math.max(now.getTime(), c.nextOrdersPollAt?.getTime() ?? 0)),
    listings: after(c.listingsSyncedAt, poll.listings),
  };
  if (poll.fulfillment !== undefined) out.fulfillment = after(c.fulfillmentCursor, poll.fulfillment);
  return out;
}

type RunRow = typeof syncRuns.$inferSelect;

export type ConnectionHealth = {
  id: string;
  marketplace: Marketplace;
  name: string;
  status: string;
  lastSuccessAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  lastRuns: Partial<Record<Kind, RunRow>>;
  nextRuns: Partial<Record<Kind, Date>>;
  running: { id: string; kind: Kind; trigger: string; done: number; total: number | null; startedAt: Date }[];
  shopCallsToday: number;
  appCallsToday: number;
  appDailyLimit: number | null;
  appRemainingToday: number | null;
  appBudgetReportedAt: Date | null;
  /** eBay Trading API: calls used today per call name, as GetApiAccessRules last reported them. */
  tradingUsage: { callName: string; dailyUsage: number; dailyLimit: number }[] | null;
  tradingUsageAt: Date | null;
  recentErrors: { at: Date; kind: Kind; message: string }[];
};

/** Sync health of every shop the org has connected. */
export async function getSyncHealth(ctx: OrgContext, now = new Date()): Promise<ConnectionHealth[]> {
  const conns = await db
    .select()
    .from(marketplaceConnections)
    .where(and(eq(marketplaceConnections.orgId, ctx.orgId), sql`${marketplaceConnections.disconnectedAt} is null`))
    .orderBy(marketplaceConnections.marketplace, marketplaceConnections.name);
  if (conns.length === 0) return [];
  const today = now.toISOString().slice(0, 10);
  const startOfDay = new Date(`${today}T00:00:00Z`);
  const [latest, running, errors, shopCalls, appCalls] = await Promise.all([
    db
      .selectDistinctOn([syncRuns.connectionId, syncRuns.kind])
      .from(syncRuns)
      .where(eq(syncRuns.orgId, ctx.orgId))
      .orderBy(syncRuns.connectionId, syncRuns.kind, desc(syncRuns.startedAt)),
    db.select().from(syncRuns).where(and(eq(syncRuns.orgId, ctx.orgId), eq(syncRuns.status, "running"))),
    db
      .select()
      .from(syncRuns)
      .where(and(eq(syncRuns.orgId, ctx.orgId), sql`${syncRuns.status} in ('failed', 'partial')`))
      .orderBy(desc(syncRuns.startedAt))
      .limit(50),
    db
      .select({ connectionId: syncRuns.connectionId, calls: sql<number>`sum(${syncRuns.apiCalls})::int` })
      .from(syncRuns)
      .where(and(eq(syncRuns.orgId, ctx.orgId), gte(syncRuns.startedAt, startOfDay)))
      .groupBy(syncRuns.connectionId),
    // The app key is shared by every tenant: this is the platform-wide budget the shop draws from.
    db
      .select({ appKey: apiCallCounts.appKey, calls: apiCallCounts.calls })
      .from(apiCallCounts)
      .where(and(eq(apiCallCounts.day, today))),
  ]);
  const budgets = new Map(await Promise.all([...new Set(conns.map((c) => c.marketplace))].map(async (m) => [m, await appBudget(m)] as const)));
  return conns.map((c) => {
    const lastRuns: Partial<Record<Kind, RunRow>> = {};
    for (const r of latest) if (r.connectionId === c.id) lastRuns[r.kind] = r;
    return {
      id: c.id,
      marketplace: c.marketplace,
      name: c.name,
      status: c.status,
      lastSuccessAt: c.lastSuccessAt,
      lastError: c.lastError,
      lastErrorAt: c.lastErrorAt,
      lastRuns,
      nextRuns: c.status === "active" ? nextScheduled(c, now) : {},
      running: running
        .filter((r) => r.connectionId === c.id)
        .map((r) => ({ id: r.id, kind: r.kind, trigger: r.trigger, done: r.itemsSeen, total: r.progressTotal, startedAt: r.startedAt })),
      shopCallsToday: shopCalls.find((s) => s.connectionId === c.id)?.calls ?? 0,
      appCallsToday: appCalls.filter((a) => a.appKey.startsWith(`${c.marketplace}:`)).reduce((n, a) => n + a.calls, 0),
      appDailyLimit: budgets.get(c.marketplace)?.perDay ?? null,
      appRemainingToday: budgets.get(c.marketplace)?.remainingToday ?? null,
      appBudgetReportedAt: budgets.get(c.marketplace)?.reportedAt ?? null,
      tradingUsage: c.marketplace === "ebay" ? (c.apiUsage ?? null) : null,
      tradingUsageAt: c.marketplace === "ebay" ? c.preferencesCheckedAt : null,
      recentErrors: errors
        .filter((r) => r.connectionId === c.id)
        .slice(0, 5)
        .map((r) => ({ at: r.startedAt, kind: r.kind, message: r.error ?? r.itemErrors.map((e) => `${e.ref}: ${e.message}`).join("; ") })),
    };
  });
}

export const syncRunQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  connection: z.uuid().optional().catch(undefined),
  kind: z.enum(SYNC_KINDS).optional().catch(undefined),
  status: z.enum(SYNC_STATUSES).optional().catch(undefined),
});
export type SyncRunQuery = { [K in keyof z.input<typeof syncRunQuery>]?: unknown };

/** The history of sync runs, newest first, with filters. */
export async function listSyncRuns(ctx: OrgContext, query: SyncRunQuery) {
  const q = syncRunQuery.parse(query);
  const where = and(
    eq(syncRuns.orgId, ctx.orgId),
    q.connection ? eq(syncRuns.connectionId, q.connection) : undefined,
    q.kind ? eq(syncRuns.kind, q.kind) : undefined,
    q.status ? eq(syncRuns.status, q.status) : undefined,
  );
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        run: syncRuns,
        shopName: marketplaceConnections.name,
        marketplace: marketplaceConnections.marketplace,
      })
      .from(syncRuns)
      .innerJoin(marketplaceConnections, eq(marketplaceConnections.id, syncRuns.connectionId))
      .where(where)
      .orderBy(desc(syncRuns.startedAt))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ total: count() }).from(syncRuns).where(where),
  ]);
  return { rows: rows.map((r) => ({ ...r.run, shopName: r.shopName, marketplace: r.marketplace })), total, page: q.page, pageSize: q.pageSize };
}


/** "Sync now" on one shop of this org: audited, then handed to the sync engine. */
export async function requestSyncNow(ctx: OrgContext, connectionId: string): Promise<void> {
  assertRole(ctx, "manager");
  if (!z.uuid().safeParse(connectionId).success) throw new NotFound("That shop is not connected to this organization.");
  const [conn] = await db
    .select({ id: marketplaceConnections.id, status: marketplaceConnections.status })
    .from(marketplaceConnections)
    .where(and(eq(marketplaceConnections.id, connectionId), eq(marketplaceConnections.orgId, ctx.orgId)));
  if (!conn) throw new NotFound("That shop is not connected to this organization.");
  if (conn.status !== "active") throw new Conflict("This shop needs to be reconnected before it can sync. Use Reconnect on the Connections page.");
  await recordAudit(db, { orgId: ctx.orgId, actor: { type: "user", userId: ctx.userId }, action: "sync.triggered", target: { type: "connection", id: conn.id } });
  await requestSync(conn.id, "manual");
}

/** Imports in progress on shops that have never finished one (a first import after connecting). */
export async function getImportProgress(ctx: OrgContext) {
  return db
    .select({
      connectionId: syncRuns.connectionId,
      shopName: marketplaceConnections.name,
      marketplace: marketplaceConnections.marketplace,
      done: syncRuns.itemsSeen,
      total: syncRuns.progressTotal,
    })
    .from(syncRuns)
    .innerJoin(marketplaceConnections, eq(marketplaceConnections.id, syncRuns.connectionId))
    .where(
      and(
        eq(syncRuns.orgId, ctx.orgId),
        eq(syncRuns.status, "running"),
        sql`${syncRuns.kind} in ('listings', 'orders')`,
        sql`${marketplaceConnections.listingsSyncedAt} is null`,
      ),
    );
}
