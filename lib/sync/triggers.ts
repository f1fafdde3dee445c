// Entry points other areas call to wake the sync engine: Inngest events in production,
// the in-process driver in the embedded default, nothing when the scheduler is off.
import { eq, sql } from "drizzle-orm";
import { rowsOf } from "@/db/sets";
import { db } from "@/db/client";
import { marketplaceConnections, type Marketplace } from "@/db/schema";
import { checkLowStock } from "@/lib/alerts/low-stock";
import { relativesCte } from "@/lib/inventory/bundle-stock";
import type { EngineEvent } from "./events";
import { schedulerMode } from "./scheduler-mode";

/**
 * Stock of these products changed (with the bundles and components related to them) (sale, manual edit, CSV import): check alerts now, push to channels soon.
 * `immediate` (a marketplace notification): a connection with no push pending gets it at once, not after the debounce window.
 */
export async function onStockChanged(orgId: string, changed: string[], opts: { checkAlerts?: boolean; immediate?: boolean } = {}): Promise<void> {
  if (changed.length === 0) return;
  // Independent reads: side by side, the request waits for one round trip, not two (and under
  // a pool busy with edits queued on one hot row, for one free connection, not two in turn).
  const [conns] = await Promise.all([pushTargets(orgId, changed), opts.checkAlerts !== false ? checkLowStock(orgId, changed) : undefined]);
  await dispatch(conns.map((c) => ({ name: "stockroom/push.requested", data: { connectionId: c.id, marketplace: c.marketplace, ...(opts.immediate ? { immediate: true } : {}) } })));
}

/**
 * The active connections listing any of these products or their relatives: a bundle sale moved
 * its components, and a component's change moved every bundle using it, so their channels are
 * pushed too. Driven from the id list into channel_items' product index: linear for a whole
 * first import.
 */
async function pushTargets(orgId: string, changed: string[]): Promise<{ id: string; marketplace: Marketplace }[]> {
  return rowsOf<{ id: string; marketplace: Marketplace }>(
    await db.execute(sql`
      with recursive ${relativesCte(orgId, changed)}
      select distinct m.id, m.marketplace
      from relatives ids cross join lateral (select c.org_id, c.connection_id from channel_items c where c.product_id = ids.id offset 0) c
      join marketplace_connections m on m.id = c.connection_id
      where c.org_id = ${orgId} and m.status = 'active'`),
  );
}

/** A seller pressed "Sync now", a connection was just created, or a webhook arrived. */
export async function requestSync(connectionId: string, reason: "manual" | "connected" | "webhook" | "admin"): Promise<void> {
  const [conn] = await db.select({ marketplace: marketplaceConnections.marketplace }).from(marketplaceConnections).where(eq(marketplaceConnections.id, connectionId));
  if (!conn) return;
  await dispatch([{ name: "stockroom/sync.requested", data: { connectionId, kind: "orders", trigger: reason, marketplace: conn.marketplace } }]);
}

export async function dispatch(events: EngineEvent[]): Promise<void> {
  if (events.length === 0) return;
  const mode = schedulerMode();
  if (mode === "inngest") {
    const { inngest } = await import("@/inngest/client");
    await inngest.send(events);
  } else if (mode === "local") {
    const { localDriver } = await import("@/inngest/local");
    localDriver().enqueue(events);
  }
}
