import { and, eq, sql } from "drizzle-orm";
import { db, type Tx } from "@/db/client";
import { retryingTransaction } from "@/db/retry";
import { inSet } from "@/db/sets";
import { channelItems, orderLines, orders, products, stockMovements, type ChannelItem, type MarketplaceConnection } from "@/db/schema";
import { refreshExpected } from "@/lib/inventory/channel-state";
import { applyMovement } from "@/lib/inventory/ledger";
import type { OrderData, OrderLineData } from "@/lib/marketplaces/types";
import { channelName, emptyCounts, type PageCounts } from "./types";

type Conn = Pick<MarketplaceConnection, "id" | "orgId" | "marketplace" | "name" | "createdAt">;

export const saleKey = (connectionId: string, externalLineId: string) => `order-line:${connectionId}:${externalLineId}`;
export const cancelKey = (connectionId: string, externalLineId: string) => `order-line-cancel:${connectionId}:${externalLineId}`;

/**
 * Upserts one page of orders and turns their lines into stock movements: a new paid
 * line is a sale, a cancelled or refunded one reverses it. Unique keys on orders,
 * lines and movements make a replayed page a no-op. One transaction per order.
 */
export async function importOrders(conn: Conn, page: OrderData[]): Promise<PageCounts & { maxUpdatedAt: Date | null; createdOrders: { externalId: string; updatedAt: Date }[] }> {
  const counts = emptyCounts();
  // Orders this call stored first (a poll that stores one a notification should have brought found a miss).
  const createdOrders: { externalId: string; updatedAt: Date }[] = [];
  let maxUpdatedAt: Date | null = null;
  const unchanged = await alreadyImported(conn, page);
  for (const order of page) {
    const problem = orderProblem(order);
    if (problem) {
      counts.errors.push({ ref: `order ${order.orderNumber || order.externalId}`, message: problem });
      continue;
    }
    counts.seen++;
    if (!maxUpdatedAt || order.updatedAt > maxUpdatedAt) maxUpdatedAt = order.updatedAt;
    if (unchanged.has(`${order.externalId}|${order.updatedAt.getTime()}|${order.status}`)) continue;
    // Counted after the commit: a transaction retried after a deadlock must not count twice.
    const done = await retryingTransaction(async (tx) => {
      const { orderId, created } = await upsertOrder(tx, conn, order);
      const items: string[] = [];
      const out = { created, errors: [] as PageCounts["errors"], productIds: [] as string[] };
      for (const line of order.lines) {
        const lineProblem = lineQuantityProblem(line);
        if (lineProblem) {
          out.errors.push({ ref: `order ${order.orderNumber} line ${line.externalLineId}`, message: lineProblem });
          continue;
        }
        const r = await importLine(tx, conn, order, orderId, line);
        if (r.error) out.errors.push({ ref: `order ${order.orderNumber} line ${line.externalLineId}`, message: r.error });
        if (r.productId) out.productIds.push(r.productId);
        if (r.itemId) items.push(r.itemId);
      }
      // The channel moved its own quantity when it sold (and back when it cancelled).
      await refreshExpected(tx, items);
      return out;
    });
    if (done.created) {
      counts.created++;
      createdOrders.push({ externalId: order.externalId, updatedAt: order.updatedAt });
    } else counts.updated++;
    counts.errors.push(...done.errors);
    counts.productIds.push(...done.productIds);
  }
  counts.productIds = [...new Set(counts.productIds)];
  return { ...counts, maxUpdatedAt, createdOrders };
}

/**
 * Orders of this page stored before exactly as they are now (same modified time and status,
 * every line linked): a replay, which would change nothing. Each poll re-reads the last two
 * minutes, so without this every recent order cost a transaction per poll, and a sale waited
 * for all of them before reaching the other channels. An order with a line that has not
 * moved stock (unlinked, unpaid, placed before our first read) is imported again: a link
 * or a payment since may now move it.
 */
async function alreadyImported(conn: Conn, page: OrderData[]): Promise<Set<string>> {
  const ids = page.map((o) => o.externalId).filter(Boolean);
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ externalId: orders.externalId, updatedAt: orders.externalUpdatedAt, status: orders.status })
    .from(orders)
    .where(
      and(
        eq(orders.connectionId, conn.id),
        inSet(orders.externalId, ids),
        sql`not exists (
          select 1 from ${orderLines} l where l.order_id = ${orders.id} and (l.product_id is null
            or (l.status = 'active' and not exists (select 1 from ${stockMovements} m where m.source_key = ${`order-line:${conn.id}:`} || l.external_line_id)))
        )`,
      ),
    );
  return new Set(rows.map((r) => `${r.externalId}|${r.updatedAt.getTime()}|${r.status}`));
}

function orderProblem(o: OrderData): string | null {
  if (!o.externalId) return "The channel sent an order without an id; it was skipped.";
  if (!(o.updatedAt instanceof Date) || Number.isNaN(o.updatedAt.getTime()) || Number.isNaN(o.placedAt.getTime())) return "The channel sent an order without valid dates; it was skipped.";
  return null;
}

function lineQuantityProblem(line: OrderLineData): string | null {
  if (!Number.isInteger(line.quantity) || line.quantity <= 0) return `The channel sent a line with quantity ${String(line.quantity)}; it was skipped.`;
  return null;
}

async function upsertOrder(tx: Tx, conn: Conn, o: OrderData): Promise<{ orderId: string; created: boolean }> {
  const values = {
    status: o.status,
    externalUpdatedAt: o.updatedAt,
    currency: o.currency,
    totalMinor: o.totalMinor,
    buyerName: o.buyerName,
  };
  const [row] = await tx
    .insert(orders)
    .values({ orgId: conn.orgId, connectionId: conn.id, externalId: o.externalId, orderNumber: o.orderNumber, placedAt: o.placedAt, ...values })
    .onConflictDoUpdate({ target: [orders.connectionId, orders.externalId], set: { ...values, updatedAt: sql`now()` } })
    // xmax = 0 only on a fresh insert: tells created from updated in one round trip.
    .returning({ id: orders.id, inserted: sql<boolean>`(xmax = 0)` });
  return { orderId: row.id, created: row.inserted };
}

async function findItem(tx: Tx, conn: Conn, line: OrderLineData): Promise<ChannelItem | null> {
  if (line.externalItemId) {
    const [byId] = await tx.select().from(channelItems).where(and(eq(channelItems.connectionId, conn.id), eq(channelItems.externalId, line.externalItemId)));
    if (byId) return byId;
  }
  if (line.sku) {
    const [bySku] = await tx.select().from(channelItems).where(and(eq(channelItems.connectionId, conn.id), eq(channelItems.sku, line.sku)));
    if (bySku) return bySku;
  }
  return null;
}

type LineOutcome = { productId: string | null; itemId: string | null; error: string | null };

async function importLine(tx: Tx, conn: Conn, order: OrderData, orderId: string, line: OrderLineData): Promise<LineOutcome> {
  // Sold from a location Stockroom does not manage: kept for Sales, but it neither explains a
  // change of the item's quantity (no channel item) nor moves the stock Stockroom keeps.
  const item = line.stockedElsewhere ? null : await findItem(tx, conn, line);
  let productId = item?.productId ?? null;
  if (!productId && !item && line.sku) {
    const [p] = await tx.select({ id: products.id }).from(products).where(and(eq(products.orgId, conn.orgId), eq(products.sku, line.sku)));
    productId = p?.id ?? null;
  }
  const cancelled = order.cancelled || line.cancelled;
  await tx
    .insert(orderLines)
    .values({
      orgId: conn.orgId,
      orderId,
      externalLineId: line.externalLineId,
      channelItemId: item?.id ?? null,
      productId,
      sku: line.sku,
      title: line.title,
      quantity: line.quantity,
      unitPriceMinor: line.unitPriceMinor,
      currency: line.currency,
      status: cancelled ? "cancelled" : "active",
      cancelledAt: cancelled ? order.updatedAt : null,
      cancelSeenAt: cancelled ? sql`now()` : null,
    })
    .onConflictDoUpdate({
      target: [orderLines.orderId, orderLines.externalLineId],
      set: {
        status: cancelled ? "cancelled" : "active",
        // The first time we see the line cancelled: the channel put the quantity back by then.
        cancelledAt: cancelled ? sql`coalesce(${orderLines.cancelledAt}, ${order.updatedAt.toISOString()}::timestamptz)` : null,
        cancelSeenAt: cancelled ? sql`coalesce(${orderLines.cancelSeenAt}, now())` : null,
        channelItemId: item?.id ?? null,
        productId,
      },
    });
  const itemId = item?.id ?? null;
  if (line.stockedElsewhere && !cancelled) return { productId: null, itemId, error: null };

  if (!productId) {
    const what = line.sku ? `SKU "${line.sku}"` : `item ${line.externalItemId ?? "without a SKU"}`;
    return { productId: null, itemId, error: `${what} on order ${order.orderNumber} is not linked to a product, so stock was not changed. Link it on the Unlinked page.` };
  }
  // The quantity we first read from this item already reflected older sales. Etsy stamps
  // orders in whole seconds: a sale in the same second as that read is counted (at worst
  // once too often, which can undersell but never oversell).
  const countedFrom = item?.createdAt ?? conn.createdAt;
  if (order.placedAt.getTime() < Math.floor(countedFrom.getTime() / 1000) * 1000) return { productId: null, itemId, error: null };

  const actor = { type: "connection" as const, id: conn.id };
  const note = `${channelName(conn)} order ${order.orderNumber}`;
  if (!cancelled) {
    if (!order.paid) return { productId: null, itemId, error: null };
    const r = await applyMovement(tx, { orgId: conn.orgId, productId, delta: -line.quantity, reason: "sale", sourceKey: saleKey(conn.id, line.externalLineId), actor, note });
    return { productId: r.applied ? productId : null, itemId, error: null };
  }
  const [sold] = await tx.select({ id: stockMovements.id }).from(stockMovements).where(eq(stockMovements.sourceKey, saleKey(conn.id, line.externalLineId)));
  if (!sold) return { productId: null, itemId, error: null };
  const r = await applyMovement(tx, { orgId: conn.orgId, productId, delta: line.quantity, reason: "cancel", sourceKey: cancelKey(conn.id, line.externalLineId), reverses: saleKey(conn.id, line.externalLineId), actor, note: `${note} cancelled` });
  return { productId: r.applied ? productId : null, itemId, error: null };
}
