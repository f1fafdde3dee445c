import { and, eq, inArray, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { channelItems, marketplaceConnections, type Marketplace, type MarketplaceConnection, type NotificationSource } from "@/db/schema";
import { checkLowStock } from "@/lib/alerts/low-stock";
import { managedLocationId } from "@/lib/connections/managed-location";
import { NotFound } from "@/lib/errors";
import { marketplaceDescriptor } from "@/lib/marketplaces/registry";
import { defaultSyncDeps, type SyncDeps } from "@/lib/sync/deps";
import type { OrderNotified } from "@/lib/sync/events";
import { importOrders } from "@/lib/sync/import-orders";
import { dispatch } from "@/lib/sync/dispatch";
import { onStockChanged } from "@/lib/sync/triggers";
import { claimDelivery } from "./deliveries";

// One path for every source: a verified notification names an order; the scheduler reads the
// order as it is now (a cancel that arrives before its paid reads the cancelled order, and the
// paid that follows reads it again and changes nothing) and imports it with importOrders, the
// function the poll uses, so a notification, a replay and the next poll count it once.
// The route only verifies, claims the delivery id and queues: a burst of a hundred
// notifications is answered at once and read one order at a time per connection, within the
// app key's rate limit (Inngest: concurrency per connection, retries; in process: one queue
// per connection). An order whose read keeps failing is the poll's to find.

export type NotificationOutcome =
  | { status: "queued"; orderId: string }
  | { status: "queued"; sync: "listings" }
  | { status: "ignored"; reason: string }
  | { status: "duplicate"; deliveryId: string };

export type Notice = {
  source: NotificationSource;
  deliveryId: string;
  topic: string;
  marketplace: Marketplace;
  /** Etsy shop_id, or eBay's user id and username, as marketplace_connections.external_id may hold them. */
  account: string[];
  /** The order to read, or null when the notice names none we import. */
  orderId: string | null;
  /**
   * The channel says an item's stock changed outside an order (Shopify's inventory_levels/update:
   * an edit in its admin, or a write of ours), by the item's externalOfferId, at `locationId` for
   * channels with several stock locations. A read of that item judges it the way the listings poll
   * would, unless the channel shows what Stockroom last saw there.
   */
  stockChanged?: { externalOfferId: string; quantity: number | null; locationId?: string };
};

/**
 * The connection a notice is about, if Stockroom has one: by the external id, else (eBay's platform
 * notifications name the seller by username only) by the eBay username, which is the connection's name.
 */
export async function connectionForAccount(marketplace: Marketplace, accounts: string[]): Promise<MarketplaceConnection | null> {
  const names = accounts.filter(Boolean);
  if (names.length === 0) return null;
  const byMarketplace = eq(marketplaceConnections.marketplace, marketplace);
  const [byId] = await db.select().from(marketplaceConnections).where(and(byMarketplace, inArray(marketplaceConnections.externalId, names))).limit(1);
  if (byId || !marketplaceDescriptor(marketplace).noticesNameAccounts) return byId ?? null;
  // Usernames are unique on eBay; a disconnected row keeps its name, so prefer the active one.
  const [byName] = await db
    .select()
    .from(marketplaceConnections)
    .where(and(byMarketplace, inArray(marketplaceConnections.name, names)))
    .orderBy(sql`${marketplaceConnections.status} = 'active' desc`)
    .limit(1);
  return byName ?? null;
}

/** Claims the delivery and queues the order it names; a delivery id seen before does nothing. */
export async function receiveNotice(notice: Notice): Promise<NotificationOutcome> {
  const conn = await connectionForAccount(notice.marketplace, notice.account);
  if (!(await claimDelivery(notice.source, notice.deliveryId, notice.topic, conn?.id ?? null)))
    return { status: "duplicate", deliveryId: notice.deliveryId };
  if (!conn) return { status: "ignored", reason: "No Stockroom connection for that account." };
  if (conn.status !== "active") return { status: "ignored", reason: "The connection is not active; its next sync catches up." };
  await db.update(marketplaceConnections).set({ notificationSeenAt: sql`now()` }).where(eq(marketplaceConnections.id, conn.id));
  if (notice.stockChanged) return readListingsFor(conn, notice.stockChanged);
  if (!notice.orderId) return { status: "ignored", reason: `Topic ${notice.topic} names no order.` };
  await dispatch([{ name: "stockroom/order.notified", data: { connectionId: conn.id, marketplace: conn.marketplace, orderId: notice.orderId } }]);
  return { status: "queued", orderId: notice.orderId };
}

/**
 * A stock change the channel reported: most are our own writes (already the item's last-seen
 * quantity) and need nothing; any other difference is for a listings read to judge (a sale not
 * imported yet explains it, else it is a channel edit, by the organization's policy).
 */
async function readListingsFor(conn: MarketplaceConnection, change: NonNullable<Notice["stockChanged"]>): Promise<NotificationOutcome> {
  // Stock at a location Stockroom does not manage is not the seller's synced stock. (Locations
  // unknown: the item read below reads the managed one, which then shows no change.)
  const managed = managedLocationId(conn);
  if (change.locationId && managed && change.locationId !== managed) return { status: "ignored", reason: "The change is at a location Stockroom does not manage." };
  const [item] = await db
    .select({ lastSeen: channelItems.lastSeenQuantity })
    .from(channelItems)
    .where(and(eq(channelItems.connectionId, conn.id), eq(channelItems.externalOfferId, change.externalOfferId)))
    .limit(1);
  if (!item) return { status: "ignored", reason: "Stockroom does not know that item yet; the next listings read imports it." };
  if (change.quantity !== null && item.lastSeen === change.quantity) return { status: "ignored", reason: "The channel shows what Stockroom last saw there." };
  await dispatch([{ name: "stockroom/sync.requested", data: { connectionId: conn.id, kind: "listings", trigger: "webhook", marketplace: conn.marketplace, items: [change.externalOfferId] } }]);
  return { status: "queued", sync: "listings" };
}

/** Reads the notified order and imports it; a sale is pushed at once when nothing else is pending. */
export async function importNotifiedOrder(e: OrderNotified, deps?: SyncDeps): Promise<{ status: "imported"; productIds: string[] } | { status: "skipped"; reason: string }> {
  const [conn] = await db.select().from(marketplaceConnections).where(eq(marketplaceConnections.id, e.connectionId));
  if (!conn || conn.status !== "active") return { status: "skipped", reason: "The connection is not active." };
  const { adapterFor, sessionFor } = deps ?? defaultSyncDeps();
  let order;
  try {
    order = await adapterFor(conn.marketplace).fetchOrder(await sessionFor(conn), e.orderId);
  } catch (err) {
    if (err instanceof NotFound) return { status: "skipped", reason: `The channel has no order ${e.orderId}.` };
    throw err;
  }
  const counts = await importOrders(conn, [order]);
  if (counts.productIds.length > 0) {
    // The sale's way to the other channels waits for no email.
    await onStockChanged(conn.orgId, counts.productIds, { checkAlerts: false, immediate: true });
    await checkLowStock(conn.orgId, counts.productIds);
  }
  return { status: "imported", productIds: counts.productIds };
}
