import type { components } from "../generated/etsy-openapi-v3";
import { etsyMoneyToMinor } from "../money";
import type { OrderData } from "../types";

type Receipt = components["schemas"]["ShopReceipt"];

// Etsy receipt statuses that put every item back on the shelf.
const CANCELLED = new Set(["canceled", "fully refunded"]);

const fromEpoch = (seconds: number | undefined) => new Date((seconds ?? 0) * 1000);

export function mapEtsyReceipt(receipt: Receipt): OrderData {
  const status = receipt.status ?? "open";
  const cancelled = CANCELLED.has(status.toLowerCase());
  const currency = receipt.grandtotal?.currency_code ?? receipt.total_price?.currency_code ?? "USD";
  return {
    externalId: String(receipt.receipt_id),
    orderNumber: String(receipt.receipt_id),
    status,
    paid: receipt.is_paid ?? false,
    cancelled,
    placedAt: fromEpoch(receipt.created_timestamp ?? receipt.create_timestamp),
    updatedAt: fromEpoch(receipt.updated_timestamp ?? receipt.update_timestamp ?? receipt.created_timestamp),
    currency,
    totalMinor: etsyMoneyToMinor(receipt.grandtotal),
    buyerName: receipt.name?.trim() ? receipt.name.trim() : null,
    lines: (receipt.transactions ?? []).map((t) => ({
      externalLineId: String(t.transaction_id),
      externalItemId: t.product_id ? String(t.product_id) : null,
      listingExternalId: t.listing_id ? String(t.listing_id) : null,
      sku: t.sku?.trim() ? t.sku.trim() : null,
      title: t.title ?? "Etsy item",
      quantity: t.quantity ?? 0,
      unitPriceMinor: etsyMoneyToMinor(t.price),
      currency: t.price?.currency_code ?? currency,
      cancelled,
    })),
  };
}
