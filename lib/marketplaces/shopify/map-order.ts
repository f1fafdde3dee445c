import type { OrderCompleteQuery } from "../generated/shopify-admin-2026-04";
import { currencyDigits } from "../money";
import type { OrderData } from "../types";

// A Shopify order as Stockroom's OrderData. Shopify takes stock when an order is placed and
// puts it back only for refunded units it restocks (restockType CANCEL or RETURN; a refund
// without restock leaves the shelf as it was). So a line counts as cancelled, stock back on the
// channel and in the ledger, once all of its units are restocked; the order once all of its
// lines are. A partial restock (1 of 2) cannot be a cancellation of the line: the unit is back
// on Shopify, and the next listings read sees it as a change on the channel (policy decides).

export type ShopifyOrderNode = NonNullable<OrderCompleteQuery["order"]>;

const RESTOCKED = new Set(["CANCEL", "RETURN", "LEGACY_RESTOCK"]);
const PAID = new Set(["PAID", "PARTIALLY_PAID", "PARTIALLY_REFUNDED", "REFUNDED"]);

function toMinor(amount: string, currency: string): number {
  const value = Number(amount);
  return Number.isFinite(value) ? Math.round(value * 10 ** currencyDigits(currency)) : 0;
}

export function restockedByLine(order: Pick<ShopifyOrderNode, "refunds">): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of order.refunds)
    for (const rl of r.refundLineItems.nodes) if (RESTOCKED.has(rl.restockType)) out.set(rl.lineItem.id, (out.get(rl.lineItem.id) ?? 0) + rl.quantity);
  return out;
}

/**
 * Whether a page's copy of the order may have left lines, refunds or refund lines out (then
 * the complete order is read). `refunds` is a plain list: as many as asked for may mean more.
 */
export function orderTruncated(order: Pick<ShopifyOrderNode, "lineItems" | "refunds">, refundsAsked: number): boolean {
  return order.lineItems.pageInfo.hasNextPage || order.refunds.length >= refundsAsked || order.refunds.some((r) => r.refundLineItems.pageInfo.hasNextPage);
}

/**
 * Whether Shopify took the order's stock from locations other than the managed one: it has
 * fulfillment orders and none is assigned there. (An order split across locations that include
 * the managed one counts whole as the managed location's; the listings read corrects the rest.)
 */
export function stockedElsewhere(order: Pick<ShopifyOrderNode, "fulfillmentOrders">, managedLocationId: string | null): boolean {
  const assigned = order.fulfillmentOrders.nodes.map((f) => f.assignedLocation.location?.id ?? null);
  return managedLocationId !== null && assigned.length > 0 && !assigned.includes(managedLocationId);
}

/** `managedLocationId`: the location Stockroom keeps in step (null: unknown, every line counts). */
export function mapShopifyOrder(order: ShopifyOrderNode, managedLocationId: string | null): OrderData {
  const restocked = restockedByLine(order);
  const elsewhere = stockedElsewhere(order, managedLocationId);
  const currency = order.totalPriceSet.shopMoney.currencyCode;
  const lines = order.lineItems.nodes.map((l) => ({
    externalLineId: l.id,
    externalItemId: l.variant?.id ?? null,
    listingExternalId: l.product?.id ?? null,
    sku: l.sku?.trim() ? l.sku.trim() : null,
    title: l.variantTitle ? `${l.title} (${l.variantTitle})` : l.title,
    quantity: l.quantity,
    unitPriceMinor: toMinor(l.originalUnitPriceSet.shopMoney.amount, l.originalUnitPriceSet.shopMoney.currencyCode),
    currency: l.originalUnitPriceSet.shopMoney.currencyCode,
    cancelled: (restocked.get(l.id) ?? 0) >= l.quantity,
    ...(elsewhere ? { stockedElsewhere: true } : {}),
  }));
  const cancelled = order.cancelledAt !== null && lines.every((l) => l.cancelled);
  const financial = order.displayFinancialStatus ?? "PENDING";
  return {
    externalId: order.id,
    orderNumber: order.name,
    status: order.cancelledAt !== null ? "cancelled" : financial.toLowerCase(),
    paid: PAID.has(financial),
    cancelled,
    placedAt: new Date(order.createdAt),
    updatedAt: new Date(order.updatedAt),
    currency,
    totalMinor: toMinor(order.totalPriceSet.shopMoney.amount, currency),
    // Buyer names need read_customers and protected customer data approval: not asked for.
    buyerName: null,
    lines,
  };
}
