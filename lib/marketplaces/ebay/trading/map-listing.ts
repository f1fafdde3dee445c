import type { ChannelItemData, ListingWithItems } from "../../types";
import type { TradingItem, TradingVariation } from "./calls";
import { specificsLabel, tradingItemKey } from "./keys";

// A Seller Hub listing as Stockroom stores it: one channel item per variation (or one for
// the listing). Trading's Quantity counts sold units too: available = Quantity − QuantitySold.

const available = (quantity: number, sold: number | undefined) => Math.max(0, quantity - (sold ?? 0));

function specificsOf(v: TradingVariation): Record<string, string> {
  return Object.fromEntries((v.VariationSpecifics?.NameValueList ?? []).map((nv) => [nv.Name, nv.Value.join(", ")]));
}

/** ENDED once eBay ended it (Completed/Ended); OUT_OF_STOCK while active at 0 (hidden by out-of-stock control). */
export function tradingListingState(item: TradingItem, total: number): string {
  const status = item.SellingStatus?.ListingStatus;
  if (status && status !== "Active") return "ENDED";
  return total > 0 ? "ACTIVE" : "OUT_OF_STOCK";
}

function unit(item: TradingItem, title: string, v: TradingVariation | null): ChannelItemData {
  if (!v) {
    const quantity = available(item.Quantity, item.SellingStatus?.QuantitySold);
    return { externalId: tradingItemKey(item.ItemID), externalOfferId: null, sku: item.SKU?.trim() || null, title, variation: null, quantity, enabled: quantity > 0 };
  }
  const specifics = specificsOf(v);
  const quantity = available(v.Quantity, v.SellingStatus?.QuantitySold);
  return { externalId: tradingItemKey(item.ItemID, { sku: v.SKU, specifics }), externalOfferId: null, sku: v.SKU?.trim() || null, title, variation: specificsLabel(specifics), quantity, enabled: quantity > 0 };
}

export function mapTradingItem(item: TradingItem): ListingWithItems {
  const variations = item.Variations?.Variation ?? [];
  const title = item.Title || `eBay item ${item.ItemID}`;
  const units = variations.length ? variations.map((v) => unit(item, title, v)) : [unit(item, title, null)];
  const total = units.reduce((s, u) => s + u.quantity, 0);
  const state = tradingListingState(item, total);
  return {
    externalId: item.ItemID,
    title,
    state,
    url: item.ListingDetails?.ViewItemURL ?? `https://www.ebay.com/itm/${item.ItemID}`,
    items: state === "ENDED" ? units.map((u) => ({ ...u, enabled: false })) : units,
  };
}
