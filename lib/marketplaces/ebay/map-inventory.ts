import type { components } from "../generated/ebay-sell-inventory-v1";
import type { ListingWithItems, PushRequest } from "../types";

type InventoryItem = components["schemas"]["InventoryItemWithSkuLocaleGroupid"];
type Offer = components["schemas"]["EbayOfferDetailsWithAll"];
type PriceQuantity = components["schemas"]["PriceQuantity"];

/**
 * One eBay inventory item (SKU) with its offers becomes one listing with one item.
 * eBay shows buyers the smaller of the item's quantity and the offer's available
 * quantity, so that is the quantity we report.
 */
export function mapEbayInventoryItem(item: InventoryItem, offers: Offer[]): ListingWithItems {
  const sku = item.sku ?? "";
  const published = offers.find((o) => o.status === "PUBLISHED");
  const offer = published ?? offers[0];
  const itemQuantity = item.availability?.shipToLocationAvailability?.quantity ?? 0;
  const quantity = offer?.availableQuantity !== undefined ? Math.min(itemQuantity, offer.availableQuantity) : itemQuantity;
  const listingId = offer?.listing?.listingId ?? null;
  const title = item.product?.title ?? sku;
  return {
    externalId: listingId ?? `sku:${sku}`,
    title,
    // An ended listing (sold out without out-of-stock control) stays ended: the seller relists it on eBay.
    state: offer?.listing?.listingStatus === "ENDED" ? "ENDED" : (offer?.status ?? "UNPUBLISHED"),
    url: listingId ? `https://www.ebay.com/itm/${listingId}` : null,
    items: [
      {
        externalId: sku,
        externalOfferId: offer?.offerId ?? null,
        sku: sku || null,
        title,
        variation: null,
        quantity,
        enabled: published !== undefined && published.listing?.listingStatus !== "ENDED" && quantity > 0,
        listed: published !== undefined && published.listing?.listingStatus !== "ENDED",
      },
    ],
  };
}

export const EBAY_BULK_LIMIT = 25;

/** bulkUpdatePriceQuantity requests: the item's ship-to quantity and every offer's available quantity, eBay shows the smaller. */
export function ebayPriceQuantityRequests(items: { request: PushRequest; offerIds: string[] }[]): PriceQuantity[][] {
  const requests = items.map(({ request, offerIds }) => ({
    sku: request.externalId,
    shipToLocationAvailability: { quantity: Math.max(0, request.quantity) },
    offers: offerIds.map((offerId) => ({ offerId, availableQuantity: Math.max(0, request.quantity) })),
  }));
  const batches: PriceQuantity[][] = [];
  for (let i = 0; i < requests.length; i += EBAY_BULK_LIMIT) batches.push(requests.slice(i, i + EBAY_BULK_LIMIT));
  return batches;
}
