import type { Sandbox } from "../../context";
import { nextId, nowMs, type EbayItem, type EbaySeller, type TradingListing, type TradingVariation } from "../../state";
import { shownQuantity } from "../present";

// Seller Hub listings as the Trading API sees them, and the out-of-stock rule both
// listing models share: at available 0 a fixed-price listing ends unless the seller has
// out-of-stock control on, in which case it stays active and hidden until restocked.
// An ended listing never comes back; relisting makes a new item id.

export type TradingVariationInput = { sku?: string; specifics: Record<string, string>; quantity: number };
export type TradingListingInput = { title: string; sku?: string; quantity: number; price: number; variations?: TradingVariationInput[] };

/** Sellers created before the preference existed keep the behaviour they had: on. */
export const outOfStockControl = (seller: EbaySeller): boolean => seller.outOfStockControl ?? true;

export const variationAvailable = (v: TradingVariation): number => Math.max(0, v.quantity - v.quantitySold);

export function tradingAvailable(l: TradingListing): number {
  return l.variations.length ? l.variations.reduce((s, v) => s + variationAvailable(v), 0) : Math.max(0, l.quantity - l.quantitySold);
}

export function tradingListingsOf(sb: Sandbox, username: string): TradingListing[] {
  return Object.values(sb.state.ebay.tradingListings).filter((l) => l.username === username);
}

export function createTradingListing(sb: Sandbox, seller: EbaySeller, input: TradingListingInput): TradingListing {
  const price = input.price.toFixed(2);
  const variations: TradingVariation[] = (input.variations ?? []).map((v) => ({ sku: v.sku ?? null, specifics: v.specifics, quantity: v.quantity, quantitySold: 0, price }));
  const listing: TradingListing = {
    itemId: String(nextId(sb.state, "ebayListing")),
    username: seller.username,
    title: input.title,
    sku: input.sku ?? null,
    price,
    currency: "USD",
    quantity: variations.length ? variations.reduce((s, v) => s + v.quantity, 0) : input.quantity,
    quantitySold: 0,
    variations,
    status: "Active",
    startTime: nowMs(sb.state),
    endTime: null,
    seq: nextId(sb.state, "ebaySeq"),
  };
  sb.state.ebay.tradingListings[listing.itemId] = listing;
  endIfSoldOut(sb, seller, listing);
  sb.changed();
  return listing;
}

/** Keeps the listing-level totals of a multi-variation listing in step with its variations. */
export function syncTotals(l: TradingListing): void {
  if (!l.variations.length) return;
  l.quantity = l.variations.reduce((s, v) => s + v.quantity, 0);
  l.quantitySold = l.variations.reduce((s, v) => s + v.quantitySold, 0);
}

/** Without out-of-stock control, a fixed-price listing with nothing left ends. */
export function endIfSoldOut(sb: Sandbox, seller: EbaySeller, l: TradingListing): void {
  syncTotals(l);
  if (l.status === "Active" && tradingAvailable(l) === 0 && !outOfStockControl(seller)) {
    l.status = "Completed";
    l.endTime = nowMs(sb.state);
  }
}

/** Sets what buyers can buy (Seller Hub's quantity field, or ReviseInventoryStatus' Quantity). */
export function setTradingAvailable(sb: Sandbox, seller: EbaySeller, l: TradingListing, variation: TradingVariation | null, available: number): void {
  if (variation) variation.quantity = variation.quantitySold + available;
  else l.quantity = l.quantitySold + available;
  endIfSoldOut(sb, seller, l);
  sb.changed();
}

export function findVariation(l: TradingListing, by: { sku?: string | null; specifics?: Record<string, string> }): TradingVariation | undefined {
  if (by.sku) return l.variations.find((v) => v.sku === by.sku);
  const want = by.specifics;
  if (!want) return undefined;
  return l.variations.find((v) => Object.keys(want).length === Object.keys(v.specifics).length && Object.entries(want).every(([k, val]) => v.specifics[k] === val));
}

/** An Inventory-model listing (a published offer) as GetMyeBaySelling and GetItem show it. */
export type TradingView = { listing: TradingListing; inventoryModel: boolean };

function inventoryView(seller: EbaySeller, item: EbayItem): TradingView | null {
  const offer = item.offers.find((o) => o.status === "PUBLISHED");
  if (!offer) return null;
  return {
    inventoryModel: true,
    listing: {
      itemId: offer.listingId,
      username: seller.username,
      title: item.title,
      sku: item.sku,
      price: offer.price,
      currency: offer.currency,
      quantity: shownQuantity(item, offer) + offer.soldQuantity,
      quantitySold: offer.soldQuantity,
      variations: [],
      status: offer.ended ? "Completed" : "Active",
      startTime: 0,
      endTime: null,
      seq: item.seq,
    },
  };
}

/** Every listing of the seller, both models, in item id order (GetMyeBaySelling shows them all). */
export function allListings(sb: Sandbox, seller: EbaySeller): TradingView[] {
  const views: TradingView[] = [
    ...tradingListingsOf(sb, seller.username).map((listing) => ({ listing, inventoryModel: false })),
    ...Object.values(seller.items).flatMap((item) => inventoryView(seller, item) ?? []),
  ];
  return views.sort((a, b) => Number(a.listing.itemId) - Number(b.listing.itemId));
}

export function findListing(sb: Sandbox, seller: EbaySeller, itemId: string): TradingView | null {
  const own = sb.state.ebay.tradingListings[itemId];
  if (own) return own.username === seller.username ? { listing: own, inventoryModel: false } : null;
  for (const item of Object.values(seller.items)) {
    const view = inventoryView(seller, item);
    if (view?.listing.itemId === itemId) return view;
  }
  return null;
}
