import type { TradingListing, TradingVariation } from "../../state";
import { tradingAvailable, variationAvailable, type TradingView } from "./listings";
import { amount } from "./xml";

// Items as GetMyeBaySelling and GetItem return them (ItemType): Quantity counts sold
// units too; QuantityAvailable (GetMyeBaySelling) and Quantity - SellingStatus.QuantitySold
// are what buyers can still buy.

const iso = (ms: number) => new Date(ms).toISOString();

function variationNode(l: TradingListing, v: TradingVariation) {
  return {
    ...(v.sku ? { SKU: v.sku } : {}),
    StartPrice: amount(v.price, l.currency),
    Quantity: String(v.quantity),
    VariationSpecifics: { NameValueList: Object.entries(v.specifics).map(([Name, Value]) => ({ Name, Value })) },
    SellingStatus: { QuantitySold: String(v.quantitySold) },
  };
}

function specificsSet(l: TradingListing) {
  const names = new Map<string, Set<string>>();
  for (const v of l.variations) for (const [k, val] of Object.entries(v.specifics)) names.set(k, (names.get(k) ?? new Set()).add(val));
  return { NameValueList: [...names].map(([Name, values]) => ({ Name, Value: [...values] })) };
}

/** ListingStatus: Active (also while hidden at 0 with out-of-stock control) or Completed once ended. */
export function presentTradingItem(view: TradingView, opts: { detail: "summary" | "full"; includeVariations: boolean }) {
  const l = view.listing;
  const hasVariations = l.variations.length > 0;
  return {
    ItemID: l.itemId,
    ListingDetails: {
      StartTime: iso(l.startTime),
      ...(l.endTime !== null ? { EndTime: iso(l.endTime) } : {}),
      ViewItemURL: `https://www.ebay.com/itm/${l.itemId}`,
    },
    ListingType: "FixedPriceItem",
    Quantity: String(l.quantity),
    SellingStatus: {
      CurrentPrice: amount(l.price, l.currency),
      QuantitySold: String(l.quantitySold),
      ...(opts.detail === "full" ? { ListingStatus: l.status } : {}),
    },
    ...(l.sku ? { SKU: l.sku } : {}),
    Title: l.title,
    ...(opts.detail === "summary" ? { QuantityAvailable: String(tradingAvailable(l)) } : {}),
    ...(hasVariations && opts.includeVariations
      ? { Variations: { Variation: l.variations.map((v) => variationNode(l, v)), ...(opts.detail === "full" ? { VariationSpecificsSet: specificsSet(l) } : {}) } }
      : {}),
  };
}

export { variationAvailable };
