import { and, count, desc, eq, gte, inArray, isNotNull, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { apiCallCounts, CONNECTION_STATUSES, marketplaceConnections, orders, organizations, syncRuns, users } from "@/db/schema";
import { MARKETPLACE_DESCRIPTORS } from "@/lib/marketplaces/registry";
import { budgetUsed, startOfUtcDay, successRate, utcDay } from "./metrics";

const DAY = 86_400_000;

/** Daily call budget for an app key (keys are named "<marketplace>:<client id>"). */
export function dailyLimitFor(appKey: string): number | null {
  const channel = MARKETPLACE_DESCRIPTORS.find((d) => appKey.startsWith(`${d.id}:`));
  return channel ? channel.rateBudget().perDay : null;
}

async function runCountsSince(since: Date) {
  const rows = await db
    .select({ status: syncRuns.status, n: count() })
    .from(syncRuns)
    .where(and(gte(syncRuns.startedAt, since), inArray(syncRuns.status, ["succeeded", "partial", "failed"])))
    .groupBy(syncRuns.status);
  const c = { succeeded: 0, partial: 0, failed: 0 };
  for (const r of rows) if (r.status !== "running") c[r.status] = r.n;
  return { ...c, rate: successRate(c) };
}

async function connectionsByStatus() {
  const rows = await db.select({ status: marketplaceConnections.status, n: count() }).from(marketplaceConnections).groupBy(marketplaceConnections.status);
  return CONNECTION_STATUSES.map((status) => ({ status, count: rows.find((r) => r.status === status)?.n ?? 0 }));
}

async function apiUsageToday(now: Date) {
  const rows = await db.select({ appKey: apiCallCounts.appKey, calls: apiCallCounts.calls }).from(apiCallCounts).where(eq(apiCallCounts.day, utcDay(now))).orderBy(apiCallCounts.appKey);
  return rows.map((r) => {
    const limit = dailyLimitFor(r.appKey);
    return { ...r, limit, used: budgetUsed(r.calls, limit) };
  });
}

const connectionLabel = {
  connectionId: syncRuns.connectionId,
  connectionName: marketplaceConnections.name,
  marketplace: marketplaceConnections.marketplace,
  orgId: organizations.id,
  orgName: organizations.name,
};

async function slowestConnections(since: Date) {
  const avgMs = sql<number>`round(avg(extract(epoch from (${syncRuns.finishedAt} - ${syncRuns.startedAt})) * 1000))::int`;
  return db
    .select({ ...connectionLabel, runs: count(), avgMs })
    .from(syncRuns)
    .innerJoin(marketplaceConnections, eq(marketplaceConnections.id, syncRuns.connectionId))
    .innerJoin(organizations, eq(organizations.id, syncRuns.orgId))
    .where(and(gte(syncRuns.startedAt, since), isNotNull(syncRuns.finishedAt)))
    .groupBy(syncRuns.connectionId, marketplaceConnections.name, marketplaceConnections.marketplace, organizations.id, organizations.name)
    .orderBy(desc(avgMs))
    .limit(5);
}

async function mostFailingConnections(since: Date) {
  const failed = sql<number>`count(*) filter (where ${syncRuns.status} = 'failed')::int`;
  return db
    .select({ ...connectionLabel, runs: count(), failed, lastError: sql<string | null>`max(${marketplaceConnections.lastError})` })
    .from(syncRuns)
    .innerJoin(marketplaceConnections, eq(marketplaceConnections.id, syncRuns.connectionId))
    .innerJoin(organizations, eq(organizations.id, syncRuns.orgId))
    .where(gte(syncRuns.startedAt, since))
    .groupBy(syncRuns.connectionId, marketplaceConnections.name, marketplaceConnections.marketplace, organizations.id, organizations.name)
    .having(sql`count(*) filter (where ${syncRuns.status} = 'failed') > 0`)
    .orderBy(desc(failed))
    .limit(5);
}

export async function getOverview(now = new Date()) {
  const weekAgo = new Date(now.getTime() - 7 * DAY);
  const [[orgs], [userCount], connections, [ordersToday], day, week, apiUsage, slowest, failing] = await Promise.all([
    db.select({ total: count(), disabled: sql<number>`count(${organizations.disabledAt})::int` }).from(organizations),
    db.select({ total: count() }).from(users),
    connectionsByStatus(),
    db.select({ total: count() }).from(orders).where(gte(orders.placedAt, startOfUtcDay(now))),
    runCountsSince(new Date(now.getTime() - DAY)),
    runCountsSince(weekAgo),
    apiUsageToday(now),
    slowestConnections(weekAgo),
    mostFailingConnections(weekAgo),
  ]);
  return {
    organizations: orgs,
    users: userCount.total,
    connections,
    ordersToday: ordersToday.total,
    syncSuccess: { day, week },
    apiUsage,
    slowest,
    failing,
  };
}
export type Overview = Awaited<ReturnType<typeof getOverview>>;
