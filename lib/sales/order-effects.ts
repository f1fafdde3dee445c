import type { Marketplace } from "@/db/schema";
import { and, asc, eq, inArray } from "drizzle-orm";
import { db } from "@/db/client";
import { channelItems, marketplaceConnections, orderLines, orders, stockMovements } from "@/db/schema";
import { cancelKey, saleKey } from "@/lib/sync/import-orders";
import type { OrgContext } from "@/lib/tenancy/context";

export type OrderEffect = {
  productId: string;
  sku: string;
  /** Each stock change this order made (the sale, then a cancellation if any). */
  movements: { kind: "sale" | "cancellation"; delta: number; before: number; after: number; at: Date }[];
  /** Where that stock went next: each other channel's last push for the product. */
  pushes: { channel: string; marketplace: Marketplace; quantity: number | null; at: Date | null; status: string }[];
};

/** What Stockroom did because of an order: the stock it moved per line and the pushes to the other channels. */
export async function getOrderEffects(ctx: OrgContext, orderId: string): Promise<OrderEffect[]> {
  const [order] = await db
    .select({ connectionId: orders.connectionId })
    .from(orders)
    .where(and(eq(orders.id, orderId), eq(orders.orgId, ctx.orgId)));
  if (!order) return [];
  const lines = await db
    .select({ externalLineId: orderLines.externalLineId, productId: orderLines.productId, sku: orderLines.sku })
    .from(orderLines)
    .where(and(eq(orderLines.orderId, orderId), eq(orderLines.orgId, ctx.orgId)));
  const keys = new Map<string, { kind: "sale" | "cancellation"; line: (typeof lines)[number] }>();
  for (const line of lines) {
    keys.set(saleKey(order.connectionId, line.externalLineId), { kind: "sale", line });
    keys.set(cancelKey(order.connectionId, line.externalLineId), { kind: "cancellation", line });
  }
  if (keys.size === 0) return [];
  const moves = await db
    .select({ sourceKey: stockMovements.sourceKey, productId: stockMovements.productId, delta: stockMovements.delta, after: stockMovements.onHandAfter, at: stockMovements.createdAt })
    .from(stockMovements)
    .where(and(eq(stockMovements.orgId, ctx.orgId), inArray(stockMovements.sourceKey, [...keys.keys()])))
    .orderBy(asc(stockMovements.createdAt));
  const productIds = [...new Set(moves.map((m) => m.productId))];
  const pushes =
    productIds.length === 0
      ? []
      : await db
          .select({
            productId: channelItems.productId,
            connectionId: channelItems.connectionId,
            name: marketplaceConnections.name,
            marketplace: marketplaceConnections.marketplace,
            quantity: channelItems.lastPushedQuantity,
            at: channelItems.lastPushedAt,
            status: channelItems.pushStatus,
          })
          .from(channelItems)
          .innerJoin(marketplaceConnections, eq(marketplaceConnections.id, channelItems.connectionId))
          .where(and(eq(channelItems.orgId, ctx.orgId), inArray(channelItems.productId, productIds)));
  return productIds.map((productId) => {
    const mine = moves.filter((m) => m.productId === productId);
    const sku = keys.get(mine[0]?.sourceKey ?? "")?.line.sku ?? "";
    return {
      productId,
      sku,
      movements: mine.map((m) => ({ kind: keys.get(m.sourceKey)?.kind ?? "sale", delta: m.delta, before: m.after - m.delta, after: m.after, at: m.at })),
      pushes: pushes
        .filter((p) => p.productId === productId && p.connectionId !== order.connectionId)
        .map((p) => ({ channel: p.name, marketplace: p.marketplace, quantity: p.quantity, at: p.at, status: p.status })),
    };
  });
}
