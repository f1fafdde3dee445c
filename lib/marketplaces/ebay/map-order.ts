import type { components } from "../generated/ebay-sell-fulfillment-v1";
import { ebayAmountToMinor } from "../money";
import type { OrderData } from "../types";
import { tradingItemKey } from "./trading/keys";

type Order = components["schemas"]["Order"];

export function isEbayOrderCancelled(order: Pick<Order, "cancelStatus" | "orderPaymentStatus">): boolean {
  return order.cancelStatus?.cancelState === "CANCELED" || order.orderPaymentStatus === "FULLY_REFUNDED";
}

export function mapEbayOrder(order: Order): OrderData {
  const cancelled = isEbayOrderCancelled(order);
  const total = order.pricingSummary?.total;
  const currency = total?.currency ?? order.lineItems?.[0]?.lineItemCost?.currency ?? "USD";
  const placedAt = new Date(order.creationDate ?? 0);
  return {
    externalId: order.orderId ?? "",
    orderNumber: order.orderId ?? "",
    status: cancelled ? "CANCELLED" : (order.orderFulfillmentStatus ?? "NOT_STARTED"),
    paid: order.orderPaymentStatus === "PAID" || order.orderPaymentStatus === "PARTIALLY_REFUNDED",
    cancelled,
    placedAt,
    updatedAt: order.lastModifiedDate ? new Date(order.lastModifiedDate) : placedAt,
    currency,
    totalMinor: ebayAmountToMinor(total),
    buyerName: order.buyer?.username ?? null,
    lines: (order.lineItems ?? []).map((line) => {
      const quantity = line.quantity ?? 0;
      // lineItemCost is the line's price for all units before discounts.
      const lineMinor = ebayAmountToMinor(line.lineItemCost);
      return {
        externalLineId: line.lineItemId ?? "",
        // Inventory items are keyed by SKU; a SKU-less Seller Hub listing by its item id (trading/keys.ts).
        externalItemId: line.sku?.trim() ? line.sku.trim() : line.legacyItemId ? tradingItemKey(line.legacyItemId) : null,
        listingExternalId: line.legacyItemId ?? null,
        sku: line.sku?.trim() ? line.sku.trim() : null,
        title: line.title ?? "eBay item",
        quantity,
        unitPriceMinor: quantity > 0 ? Math.round(lineMinor / quantity) : lineMinor,
        currency: line.lineItemCost?.currency ?? currency,
        cancelled,
      };
    }),
  };
}
