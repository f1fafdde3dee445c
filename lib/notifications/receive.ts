import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { marketplaceConnections, type Marketplace, type MarketplaceConnection } from "@/db/schema";
import { checkLowStock } from "@/lib/alerts/low-stock";
import { AppError, NotFound, Unavailable } from "@/lib/errors";
import { defaultSyncDeps, type SyncDeps } from "@/lib/sync/deps";
import { importOrders } from "@/lib/sync/import-orders";
import { onStockChanged } from "@/lib/sync/triggers";
import { claimDelivery, releaseDelivery } from "./deliveries";

// One path for every source: a verified notification names an order; the order is read as
// it is now (a cancel that arrives before its paid reads the cancelled order, and the paid
// that follows reads it again and changes nothing) and imported by importOrders, the same
// function the poll uses, so a notification, a replay and the next poll count it once.

export type NotificationOutcome = { status: "imported"; orderId: string; productIds: string[] } | { status: "ignored"; reason: string };

export type Notice = {
  source: "etsy" | "ebay" | "ebay-trading";
  deliveryId: string;
  topic: string;
  marketplace: Marketplace;
  /** Etsy shop_id or eBay user id / username, as marketplace_connections.external_id holds it. */
  account: string[];
  /** The order to read, or null when the notice names none we import. */
  orderId: string | null;
};

/** The active connection a notice is about, if Stockroom has one. */
export async function connectionForAccount(marketplace: Marketplace, accounts: string[]): Promise<MarketplaceConnection | null> {
  for (const account of accounts.filter(Boolean)) {
    const [conn] = await db
      .select()
      .from(marketplaceConnections)
      .where(and(eq(marketplaceConnections.marketplace, marketplace), eq(marketplaceConnections.externalId, account)));
    if (conn) return conn;
  }
  return null;
}

/** Claims the delivery, imports the order it names and asks for the push at once. Throws NotificationRejected for a replay. */
export async function receiveNotice(notice: Notice, deps?: SyncDeps): Promise<NotificationOutcome> {
  const conn = await connectionForAccount(notice.marketplace, notice.account);
  await claimDelivery(notice.source, notice.deliveryId, notice.topic, conn?.id ?? null);
  if (!conn) return { status: "ignored", reason: "No Stockroom connection for that account." };
  if (conn.status !== "active") return { status: "ignored", reason: "The connection is not active; its next sync catches up." };
  await db.update(marketplaceConnections).set({ notificationSeenAt: sql`now()` }).where(eq(marketplaceConnections.id, conn.id));
  if (!notice.orderId) return { status: "ignored", reason: `Topic ${notice.topic} names no order.` };
  try {
    const { adapterFor, sessionFor } = deps ?? (await defaultSyncDeps());
    const order = await adapterFor(conn.marketplace).fetchOrder(await sessionFor(conn), notice.orderId);
    const counts = await importOrders(conn, [order]);
    if (counts.productIds.length > 0) {
      // The sale's way to the other channels waits for no email; the push skips the debounce when nothing else is pending.
      await onStockChanged(conn.orgId, counts.productIds, { checkAlerts: false, immediate: true });
      await checkLowStock(conn.orgId, counts.productIds);
    }
    return { status: "imported", orderId: order.externalId, productIds: counts.productIds };
  } catch (err) {
    if (err instanceof NotFound) return { status: "ignored", reason: `The channel has no order ${notice.orderId}.` };
    // Nothing was counted for this delivery: let the sender's retry of the same id in.
    await releaseDelivery(notice.source, notice.deliveryId);
    // 401 belongs to signatures: a channel failure asks the sender to retry later.
    if (err instanceof AppError && err.status < 500 && err.status !== 429) throw new Unavailable(`Could not read order ${notice.orderId}: ${err.message}`);
    throw err;
  }
}
