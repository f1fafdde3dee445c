import { and, count, desc, eq, gte, lte, ne, type SQL } from "drizzle-orm";
import { db } from "@/db/client";
import { marketplaceConnections, organizations, syncRuns } from "@/db/schema";
import { NotFound } from "@/lib/errors";
import { offsetFor, PAGE_SIZE, toPage } from "./paging";
import type { SyncRunListQuery } from "./schemas";

const runColumns = {
  id: syncRuns.id,
  orgId: syncRuns.orgId,
  orgName: organizations.name,
  connectionId: syncRuns.connectionId,
  connectionName: marketplaceConnections.name,
  marketplace: marketplaceConnections.marketplace,
  kind: syncRuns.kind,
  status: syncRuns.status,
  trigger: syncRuns.trigger,
  startedAt: syncRuns.startedAt,
  finishedAt: syncRuns.finishedAt,
  apiCalls: syncRuns.apiCalls,
  errorClass: syncRuns.errorClass,
  error: syncRuns.error,
};

function runFilter(q: SyncRunListQuery): SQL | undefined {
  const conds: (SQL | undefined)[] = [
    q.status === "all" ? undefined : eq(syncRuns.status, q.status),
    q.marketplace ? eq(marketplaceConnections.marketplace, q.marketplace) : undefined,
    q.kind ? eq(syncRuns.kind, q.kind) : undefined,
    q.errorClass ? eq(syncRuns.errorClass, q.errorClass) : undefined,
    q.from ? gte(syncRuns.startedAt, q.from) : undefined,
    q.to ? lte(syncRuns.startedAt, q.to) : undefined,
  ];
  return and(...conds);
}

/** Sync runs across every tenant, newest first; failures by default. */
export async function listSyncRuns(q: SyncRunListQuery) {
  const where = runFilter(q);
  const base = () =>
    db
      .select(runColumns)
      .from(syncRuns)
      .innerJoin(marketplaceConnections, eq(marketplaceConnections.id, syncRuns.connectionId))
      .innerJoin(organizations, eq(organizations.id, syncRuns.orgId));
  const [rows, [{ total }]] = await Promise.all([
    base().where(where).orderBy(desc(syncRuns.startedAt), desc(syncRuns.id)).limit(PAGE_SIZE).offset(offsetFor(q.page)),
    db
      .select({ total: count() })
      .from(syncRuns)
      .innerJoin(marketplaceConnections, eq(marketplaceConnections.id, syncRuns.connectionId))
      .where(where),
  ]);
  return toPage(rows, total, q.page);
}

/** The error classes seen in the last 30 days, for the filter's choices. */
export async function listSyncErrorClasses(now = new Date()): Promise<string[]> {
  const since = new Date(now.getTime() - 30 * 86_400_000);
  const rows = await db
    .selectDistinct({ errorClass: syncRuns.errorClass })
    .from(syncRuns)
    .where(and(gte(syncRuns.startedAt, since), ne(syncRuns.errorClass, "")))
    .orderBy(syncRuns.errorClass);
  return rows.flatMap((r) => (r.errorClass ? [r.errorClass] : []));
}

export async function getSyncRun(runId: string) {
  const [run] = await db
    .select({ ...runColumns, itemsSeen: syncRuns.itemsSeen, itemsCreated: syncRuns.itemsCreated, itemsUpdated: syncRuns.itemsUpdated, itemErrors: syncRuns.itemErrors, orgDisabledAt: organizations.disabledAt })
    .from(syncRuns)
    .innerJoin(marketplaceConnections, eq(marketplaceConnections.id, syncRuns.connectionId))
    .innerJoin(organizations, eq(organizations.id, syncRuns.orgId))
    .where(eq(syncRuns.id, runId))
    .limit(1);
  if (!run) throw new NotFound("No sync run with that id.");
  return run;
}
