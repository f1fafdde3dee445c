// Entry points other areas call to wake the sync engine: Inngest events in production,
// the in-process driver in the embedded default, nothing when the scheduler is off.
import { and, eq, isNotNull, sql } from "drizzle-orm";
import { inSet } from "@/db/sets";
import { db } from "@/db/client";
import { channelItems, marketplaceConnections } from "@/db/schema";
import { checkLowStock } from "@/lib/alerts/low-stock";
import type { EngineEvent } from "./events";
import { schedulerMode } from "./scheduler-mode";

/** Stock of these products changed (sale, manual edit, CSV import): check alerts now, push to channels soon. */
export async function onStockChanged(orgId: string, productIds: string[], opts: { checkAlerts?: boolean } = {}): Promise<void> {
  if (productIds.length === 0) return;
  if (opts.checkAlerts !== false) await checkLowStock(orgId, productIds);
  const conns = await db
    .selectDistinct({ id: marketplaceConnections.id, marketplace: marketplaceConnections.marketplace })
    .from(channelItems)
    .innerJoin(marketplaceConnections, eq(marketplaceConnections.id, channelItems.connectionId))
    .where(and(eq(channelItems.orgId, orgId), isNotNull(channelItems.productId), sql`${channelItems.productId} in ${inSet(productIds, "uuid")}`, eq(marketplaceConnections.status, "active")));
  await dispatch(conns.map((c) => ({ name: "stockroom/push.requested", data: { connectionId: c.id, marketplace: c.marketplace } })));
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
