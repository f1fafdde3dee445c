import { eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { marketplaceConnections, organizations, syncRuns, type MarketplaceConnection, type Organization, type SyncRun } from "@/db/schema";
import { checkLowStock } from "@/lib/alerts/low-stock";
import { NotFound } from "@/lib/errors";
import { importListings } from "@/lib/inventory/linking";
import { reconcileObservations } from "@/lib/inventory/reconcile";
import { timedCall, type ApiSession, type MarketplaceAdapter } from "@/lib/marketplaces/types";
import { defaultSyncDeps, type SyncDeps } from "./deps";
import { importOrders } from "./import-orders";
import { importListingsPages } from "./listings-pages";
import { pollMinutes } from "./due";
import { listingsPollDelayMs, NOTIFICATION_GRACE_MS, notificationHealth, ordersPollDelayWithNotificationsMs } from "./polling";
import { pushConnection } from "./push";
import { withHeartbeat } from "./reaper";
import { errorClassOf, failureMessage, finishRun, recordProgress, startRun, type SyncKind, type SyncTrigger } from "./runs";
import { inlineStep, type Step } from "./step";
import { onStockChanged } from "./triggers";

// Re-reading a little before the cursor catches orders whose modified time landed in
// the same second as the last poll; replays are no-ops thanks to the unique keys.
const ORDERS_OVERLAP_MS = 2 * 60_000;
// The first orders poll reads this far back so the Sales page has history; those
// orders are stored but do not move stock (the imported quantities already include them).
const FIRST_ORDERS_WINDOW_MS = 30 * 24 * 3600_000;
const FULFILLMENT_WINDOW_MS = 14 * 24 * 3600_000;
// Etsy sellers can cancel or refund for a month or so after the sale.
const CANCELLATION_WINDOW_MS = 30 * 24 * 3600_000;

/** `items`: a listings read of just these items (externalOfferIds) when the adapter can read them alone. */
export type RunOptions = { step?: Step; deps?: SyncDeps; items?: string[] };
export type RunOutcome = { status: "skipped"; reason: string } | { status: SyncRun["status"]; run: SyncRun };

type Ctx = { conn: MarketplaceConnection; org: Organization; runId: string; step: Step; deps: SyncDeps; prefix: string; items?: string[] };

/** Why a connection must not be synced now, or null when it may. */
export function syncBlocker(conn: Pick<MarketplaceConnection, "status">, org: Pick<Organization, "disabledAt">): string | null {
  if (org.disabledAt) return "The organization is disabled.";
  const why: Record<MarketplaceConnection["status"], string | null> = {
    active: null,
    needs_reconnect: "The connection needs reconnecting.",
    disabled: "The connection is disconnected.",
    error: "The connection is in error.",
  };
  return why[conn.status];
}

/** One sync of one connection, recorded in sync_runs. Marketplace failures are recorded on the run, not thrown. */
export async function runConnectionSync(connectionId: string, kind: SyncKind, trigger: SyncTrigger = "manual", opts: RunOptions = {}): Promise<RunOutcome> {
  const [row] = await db
    .select({ conn: marketplaceConnections, org: organizations })
    .from(marketplaceConnections)
    .innerJoin(organizations, eq(organizations.id, marketplaceConnections.orgId))
    .where(eq(marketplaceConnections.id, connectionId));
  if (!row) throw new NotFound("That connection does not exist.");
  const blocker = syncBlocker(row.conn, row.org);
  if (blocker) return { status: "skipped", reason: blocker };

  // A first sync reads listings before orders: their quantities are the opening balances.
  if (kind === "orders" && !row.conn.listingsSyncedAt) {
    const first = await runConnectionSync(connectionId, "listings", "first-sync", opts);
    if (first.status === "failed" || first.status === "skipped") return first;
  }

  const step = opts.step ?? inlineStep;
  const deps = opts.deps ?? defaultSyncDeps();
  const prefix = `${kind}`;
  const runId = await step.run(`${prefix}:start`, () => startRun(row.conn, kind, trigger));
  const ctx: Ctx = { ...row, runId, step, deps, prefix, items: opts.items };
  let failure: { errorClass: string; error: string } | null = null;
  try {
    await withHeartbeat(runId, async () => {
      if (kind === "orders") await syncOrders(ctx, { moveCursor: true });
      else if (kind === "fulfillment") await syncOrders(ctx, { moveCursor: false });
      else if (kind === "listings") await syncListings(ctx);
      else await syncPush(ctx);
    });
  } catch (err) {
    failure = { errorClass: errorClassOf(err), error: failureMessage(err) };
  }
  const run = await step.run(`${prefix}:finish`, async () => {
    const finished = await finishRun(runId, failure);
    await db
      .update(marketplaceConnections)
      .set(
        failure
          ? { lastError: failure.error, lastErrorAt: sql`now()`, updatedAt: sql`now()` }
          : { lastSuccessAt: sql`now()`, lastError: null, updatedAt: sql`now()` },
      )
      .where(eq(marketplaceConnections.id, connectionId));
    return { ...finished, startedAt: finished.startedAt.toISOString(), finishedAt: finished.finishedAt?.toISOString() ?? null };
  });
  const revived: SyncRun = { ...run, startedAt: new Date(run.startedAt), finishedAt: run.finishedAt ? new Date(run.finishedAt) : null };
  return { status: revived.status, run: revived };
}

/** Runs a recorded sync again (admin pages). */
export async function rerunSync(runId: string, opts: RunOptions = {}): Promise<RunOutcome> {
  const [run] = await db.select().from(syncRuns).where(eq(syncRuns.id, runId));
  if (!run) throw new NotFound("That sync run does not exist.");
  const kind = run.kind === "reconcile" ? "listings" : run.kind;
  return runConnectionSync(run.connectionId, kind, "rerun", opts);
}

/** A session that counts its HTTP calls for the run. */
async function countedSession(ctx: Ctx): Promise<{ session: ApiSession; calls: () => number }> {
  const base = await ctx.deps.sessionFor(ctx.conn);
  let calls = 0;
  const session: ApiSession = {
    ...base,
    onCall: (op) => {
      calls++;
      base.onCall?.(op);
    },
  };
  return { session, calls: () => calls };
}

async function syncOrders(ctx: Ctx, mode: { moveCursor: boolean }) {
  const { conn } = ctx;
  const now = Date.now();
  const startedAt = new Date(now).toISOString();
  const since = mode.moveCursor
    ? new Date(conn.ordersCursor ? conn.ordersCursor.getTime() - ORDERS_OVERLAP_MS : now - FIRST_ORDERS_WINDOW_MS)
    : new Date(now - FULFILLMENT_WINDOW_MS);
  const adapter = ctx.deps.adapterFor(conn.marketplace);
  let cursor: string | null = null;
  let maxUpdatedAt = conn.ordersCursor?.toISOString() ?? null;
  let created = 0;
  let missed = 0;
  const touched = new Set<string>();
  for (let page = 0; ; page++) {
    const r = await ctx.step.run(`${ctx.prefix}:page:${page}`, async () => {
      const { session, calls } = await countedSession(ctx);
      try {
        const data = await adapter.fetchOrders(session, since, cursor);
        const counts = await importOrders(conn, data.items);
        await recordProgress(ctx.runId, { seen: counts.seen, created: counts.created, updated: counts.updated, errors: counts.errors, apiCalls: calls(), total: data.total });
        // Stored first by this poll and older than a notification takes to arrive: one the notifications missed.
        const missed = counts.createdOrders.filter((o) => o.updatedAt.getTime() < now - NOTIFICATION_GRACE_MS).length;
        return { next: data.nextCursor, maxUpdatedAt: counts.maxUpdatedAt?.toISOString() ?? null, productIds: counts.productIds, created: counts.created, missed };
      } catch (err) {
        await recordProgress(ctx.runId, { apiCalls: calls() });
        throw err;
      }
    });
    r.productIds.forEach((id) => touched.add(id));
    created += r.created;
    missed += r.missed;
    if (r.maxUpdatedAt && (!maxUpdatedAt || r.maxUpdatedAt > maxUpdatedAt)) maxUpdatedAt = r.maxUpdatedAt;
    cursor = r.next;
    if (!cursor) break;
  }
  await ctx.step.run(`${ctx.prefix}:commit`, async () => {
    if (mode.moveCursor) {
      // Every page is committed: only now may the cursor move past these orders.
      const every = pollMinutes(conn.marketplace, ctx.org.settings);
      const idle = created > 0 ? 0 : conn.idleOrderPolls + 1;
      // The first poll stores a month of history: nothing a notification could have brought.
      const health = conn.ordersCursor ? notificationHealth(conn.notificationSeenAt, missed, now) : "none";
      await db
        .update(marketplaceConnections)
        .set({
          // Nothing modified yet: everything up to this poll's start has been read.
          ordersCursor: maxUpdatedAt ? new Date(maxUpdatedAt) : new Date(now),
          idleOrderPolls: idle,
          nextOrdersPollAt: new Date(Date.now() + ordersPollDelayWithNotificationsMs(health, idle, every.orders, every.listings)),
          ...(conn.notificationSeenAt ? { notificationMissAt: health === "missed" ? new Date(now) : null } : {}),
          // The first poll read the whole cancellation window (receipts modified in it, cancelled ones too).
          ...(conn.ordersCursor ? {} : { cancellationsCheckedAt: new Date(now) }),
        })
        .where(eq(marketplaceConnections.id, conn.id));
    } else {
      await db.update(marketplaceConnections).set({ fulfillmentCursor: sql`now()` }).where(eq(marketplaceConnections.id, conn.id));
    }
    await afterStockChange(conn.orgId, [...touched]);
    return null;
  });
  // Listings polls of a quiet shop are hours apart: cancellations keep the base listings interval.
  if (mode.moveCursor && conn.ordersCursor && cancellationsDue(conn, ctx.org)) await syncCancellations(ctx);
  if (mode.moveCursor) {
    // Every order placed before this poll started is in: reads made before then can be judged.
    await ctx.step.run(`${ctx.prefix}:reconcile`, async () => {
      const counts = await reconcileObservations(conn, ctx.org.settings.channelEditPolicy ?? "accept", { readBefore: new Date(startedAt) });
      await recordProgress(ctx.runId, { updated: counts.updated, errors: counts.errors });
      await afterStockChange(conn.orgId, counts.productIds);
      return null;
    });
  }
}

async function syncListings(ctx: Ctx) {
  const { conn } = ctx;
  const adapter = ctx.deps.adapterFor(conn.marketplace);
  if (ctx.items?.length && adapter.fetchItems && itemsReadable(conn)) return syncItems(ctx, adapter.fetchItems.bind(adapter), ctx.items);
  let cursor: string | null = null;
  const touched = new Set<string>();
  let observations = 0;
  let created = 0;
  for (let page = 0; ; page++) {
    const r = await ctx.step.run(`${ctx.prefix}:page:${page}`, async () => importListingsPages(conn, adapter, await countedSession(ctx), ctx.runId, cursor));
    r.productIds.forEach((id) => touched.add(id));
    observations += r.observations;
    created += r.created;
    cursor = r.next;
    if (!cursor) break;
  }
  await ctx.step.run(`${ctx.prefix}:commit`, async () => {
    // A new item or a quantity no sale explains is a seller at work: poll again soon. Otherwise back off.
    const idle = created + observations > 0 ? 0 : conn.idleListingPolls + 1;
    const delay = listingsPollDelayMs(idle, pollMinutes(conn.marketplace, ctx.org.settings).listings);
    await db
      .update(marketplaceConnections)
      .set({ listingsSyncedAt: sql`now()`, idleListingPolls: idle, nextListingsPollAt: new Date(Date.now() + delay) })
      .where(eq(marketplaceConnections.id, conn.id));
    await afterStockChange(conn.orgId, [...touched]);
    return null;
  });
  if (conn.ordersCursor) await syncCancellations(ctx);
  // A quantity that moved may be a sale not imported yet: read orders, which then judges the reads.
  // (Cancellations were just read: that orders poll need not read them again.)
  if (observations > 0 && conn.ordersCursor) await syncOrders({ ...ctx, conn: { ...conn, cancellationsCheckedAt: new Date() }, prefix: `${ctx.prefix}:orders` }, { moveCursor: true });
}

/**
 * A single-item read judges against the anchors the last full read set; before a first read, or
 * after a location move that reset them, only a full read may set them.
 */
function itemsReadable(conn: MarketplaceConnection): boolean {
  const { anchorsResetAt, listingsSyncedAt } = conn;
  return listingsSyncedAt !== null && !(anchorsResetAt && listingsSyncedAt < anchorsResetAt);
}

/**
 * The items a notification named, read alone and imported as a listings page is (importListings:
 * same anchors, same observations), then, if a quantity moved, the orders poll that judges it by
 * the organization's policy, as after a full read. Does not count as the listings poll.
 */
async function syncItems(ctx: Ctx, fetchItems: NonNullable<MarketplaceAdapter["fetchItems"]>, ids: string[]) {
  const { conn } = ctx;
  const r = await ctx.step.run(`${ctx.prefix}:items`, async () => {
    const { session, calls } = await countedSession(ctx);
    try {
      const { value: listings, window } = await timedCall(() => fetchItems(session, ids));
      const counts = await importListings(conn, listings, { fetchedAt: window.from, readTo: window.to });
      await recordProgress(ctx.runId, { seen: counts.seen, created: counts.created, updated: counts.updated, errors: counts.errors, apiCalls: calls() });
      await afterStockChange(conn.orgId, counts.productIds);
      return { observations: counts.observations };
    } catch (err) {
      await recordProgress(ctx.runId, { apiCalls: calls() });
      throw err;
    }
  });
  if (r.observations > 0 && conn.ordersCursor) await syncOrders({ ...ctx, prefix: `${ctx.prefix}:orders` }, { moveCursor: true });
}

function cancellationsDue(conn: MarketplaceConnection, org: Organization): boolean {
  const every = pollMinutes(conn.marketplace, org.settings).listings * 60_000;
  return !conn.cancellationsCheckedAt || conn.cancellationsCheckedAt.getTime() + every <= Date.now();
}

/** Cancellations the orders poll cannot see (Etsy), re-read over the last 30 days by every listings poll and by an orders poll when the base listings interval has passed. */
async function syncCancellations(ctx: Ctx) {
  const adapter = ctx.deps.adapterFor(ctx.conn.marketplace);
  const fetchCancelled = adapter.fetchCancelledOrders?.bind(adapter);
  if (!fetchCancelled) return;
  const since = new Date(Date.now() - CANCELLATION_WINDOW_MS);
  let cursor: string | null = null;
  const touched = new Set<string>();
  for (let page = 0; ; page++) {
    const r: { next: string | null; productIds: string[] } = await ctx.step.run(`${ctx.prefix}:cancellations:${page}`, async () => {
      const { session, calls } = await countedSession(ctx);
      try {
        const data = await fetchCancelled(session, since, cursor);
        const counts = await importOrders(ctx.conn, data.items);
        await recordProgress(ctx.runId, { updated: counts.productIds.length, errors: counts.errors, apiCalls: calls() });
        return { next: data.nextCursor, productIds: counts.productIds };
      } catch (err) {
        await recordProgress(ctx.runId, { apiCalls: calls() });
        throw err;
      }
    });
    r.productIds.forEach((id) => touched.add(id));
    cursor = r.next;
    if (!cursor) break;
  }
  await ctx.step.run(`${ctx.prefix}:cancellations:commit`, async () => {
    await db.update(marketplaceConnections).set({ cancellationsCheckedAt: sql`now()` }).where(eq(marketplaceConnections.id, ctx.conn.id));
    if (touched.size > 0) await afterStockChange(ctx.conn.orgId, [...touched]);
    return null;
  });
}

async function syncPush(ctx: Ctx) {
  // Moved to another stock location and not read there yet: a push would judge that location's
  // quantities against the old one's. The listings read the move asked for pushes afterwards.
  const { anchorsResetAt, listingsSyncedAt } = ctx.conn;
  if (anchorsResetAt && (!listingsSyncedAt || listingsSyncedAt < anchorsResetAt)) return;
  const adapter = ctx.deps.adapterFor(ctx.conn.marketplace);
  await ctx.step.run(`${ctx.prefix}:send`, async () => {
    const { session, calls } = await countedSession(ctx);
    try {
      const r = await pushConnection(ctx.conn, adapter, session, { renewSoldOut: ctx.org.settings.renewSoldOutEtsy ?? false });
      await recordProgress(ctx.runId, { seen: r.seen, updated: r.updated, errors: r.errors, apiCalls: calls() });
    } catch (err) {
      await recordProgress(ctx.runId, { apiCalls: calls() });
      throw err;
    }
    return null;
  });
}

/** Pushes to the other channels are requested (debounced by the scheduler), then low-stock alerts checked: the sale's way to the other channels waits for no email. */
async function afterStockChange(orgId: string, productIds: string[]) {
  if (productIds.length === 0) return;
  await onStockChanged(orgId, productIds, { checkAlerts: false });
  await checkLowStock(orgId, productIds);
}
