import type { Sandbox } from "../../context";
import type { ControlError } from "../../etsy/seller";
import { type EbayLineItem, type EbaySeller, type TradingListing } from "../../state";
import { endIfSoldOut, findVariation, syncTotals, tradingAvailable, variationAvailable } from "./listings";

// A buyer purchasing from a Seller Hub listing: the Fulfillment API reports the order
// like any other (legacyItemId = the item id, sku = the variation's or listing's SKU when
// it has one), and the listing's QuantitySold grows.

export type TradingSaleInput = { item_id: string; sku?: string; specifics?: Record<string, string>; quantity: number };

export function sellTrading(sb: Sandbox, seller: EbaySeller, input: TradingSaleInput): { listing: TradingListing; line: Omit<EbayLineItem, "lineItemId"> } | ControlError {
  const listing = sb.state.ebay.tradingListings[input.item_id];
  if (!listing || listing.username !== seller.username) return { status: 404, message: `Seller ${seller.username} has no Seller Hub listing ${input.item_id}.` };
  if (listing.status !== "Active") return { status: 409, message: `Listing ${input.item_id} has ended; relist it on eBay to sell again.` };
  let variation = null;
  if (listing.variations.length) {
    variation = findVariation(listing, { sku: input.sku, specifics: input.specifics }) ?? null;
    if (!variation) return { status: 404, message: `Listing ${input.item_id} has no such variation; pass its sku or specifics.` };
  }
  const available = variation ? variationAvailable(variation) : tradingAvailable(listing);
  if (available < input.quantity) return { status: 409, message: `Only ${available} available on listing ${input.item_id}.` };
  if (variation) variation.quantitySold += input.quantity;
  else listing.quantitySold += input.quantity;
  endIfSoldOut(sb, seller, listing);
  sb.changed();
  return {
    listing,
    line: {
      legacyItemId: listing.itemId,
      offerId: "",
      sku: variation ? (variation.sku ?? "") : (listing.sku ?? ""),
      title: listing.title,
      quantity: input.quantity,
      price: variation?.price ?? listing.price,
      currency: listing.currency,
      ...(variation ? { variationAspects: variation.specifics } : {}),
    },
  };
}

/** A cancelled sale gives the units back; an ended listing stays ended (eBay does not relist it). */
export function restoreTrading(sb: Sandbox, line: EbayLineItem): boolean {
  const listing = sb.state.ebay.tradingListings[line.legacyItemId];
  if (!listing) return false;
  const variation = listing.variations.length ? findVariation(listing, { sku: line.sku || null, specifics: line.variationAspects }) : null;
  if (variation) variation.quantitySold = Math.max(0, variation.quantitySold - line.quantity);
  else listing.quantitySold = Math.max(0, listing.quantitySold - line.quantity);
  syncTotals(listing);
  return true;
}
