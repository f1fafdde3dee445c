import type { components as Fulfillment } from "@/lib/marketplaces/generated/ebay-sell-fulfillment-v1";
import type { components as Inventory } from "@/lib/marketplaces/generated/ebay-sell-inventory-v1";
import type { EbayItem, EbayOffer, EbayOrder } from "../state";

// Spec-shaped eBay payloads. eBay omits fields it has no value for, so these return
// what the real API returns for a simple fixed-price listing.

type I = Inventory["schemas"];
type F = Fulfillment["schemas"];

/** The generated type follows the published file, whose Product.aspects is a string (see ERRATA in sandbox/spec.ts). */
export type PresentedItem = Omit<I["InventoryItemWithSkuLocaleGroupid"], "product"> & { product: Omit<I["Product"], "aspects"> & { aspects: Record<string, string[]> } };

export function presentItem(item: EbayItem): PresentedItem {
  return {
    sku: item.sku,
    locale: "en_US",
    condition: item.condition,
    availability: { shipToLocationAvailability: { quantity: item.quantity, allocationByFormat: { auction: 0, fixedPrice: item.quantity } } },
    product: { title: item.title, description: item.description, aspects: item.aspects, imageUrls: item.imageUrls },
  };
}

export function presentOffer(item: EbayItem, offer: EbayOffer): I["EbayOfferDetailsWithAll"] {
  return {
    offerId: offer.offerId,
    sku: item.sku,
    marketplaceId: "EBAY_US",
    format: "FIXED_PRICE",
    availableQuantity: offer.availableQuantity,
    categoryId: "20625",
    listingDescription: item.description,
    listingDuration: "GTC",
    merchantLocationKey: "default",
    includeCatalogProductDetails: true,
    hideBuyerDetails: false,
    pricingSummary: { price: { value: offer.price, currency: offer.currency } },
    status: offer.status,
    ...(offer.status === "PUBLISHED"
      ? { listing: { listingId: offer.listingId, listingStatus: offer.ended ? "ENDED" : shownQuantity(item, offer) > 0 ? "ACTIVE" : "OUT_OF_STOCK", soldQuantity: offer.soldQuantity } }
      : {}),
  };
}

/** eBay shows the smaller of the item's ship-to-home quantity and the offer's available quantity. */
export function shownQuantity(item: EbayItem, offer: EbayOffer): number {
  return Math.min(item.quantity, offer.availableQuantity);
}

const iso = (ms: number) => new Date(ms).toISOString();
const amount = (value: number, currency: string): F["Amount"] => ({ value: value.toFixed(2), currency });

export function presentOrder(order: EbayOrder): F["Order"] {
  const currency = order.lineItems[0]?.currency ?? "USD";
  const subtotal = order.lineItems.reduce((s, l) => s + Number(l.price) * l.quantity, 0);
  const cancelled = order.cancelledAt !== null;
  return {
    // legacyOrderId was decommissioned from orders in April 2025 (Fulfillment 1.20.6).
    orderId: order.orderId,
    creationDate: iso(order.created),
    lastModifiedDate: iso(order.lastModified),
    orderFulfillmentStatus: order.fulfillmentStatus,
    orderPaymentStatus: cancelled ? "FULLY_REFUNDED" : "PAID",
    sellerId: order.username,
    buyer: { username: order.buyerUsername },
    pricingSummary: { priceSubtotal: amount(subtotal, currency), deliveryCost: amount(0, currency), total: amount(subtotal, currency) },
    cancelStatus: cancelled ? { cancelState: "CANCELED", cancelledDate: iso(order.cancelledAt ?? order.lastModified), cancelRequests: [] } : { cancelState: "NONE_REQUESTED", cancelRequests: [] },
    paymentSummary: {
      totalDueSeller: amount(cancelled ? 0 : subtotal, currency),
      payments: [{ paymentMethod: "EBAY", paymentReferenceId: `PAY-${order.orderId}`, paymentDate: iso(order.created), amount: amount(subtotal, currency), paymentStatus: "PAID" }],
      refunds: [],
    },
    fulfillmentStartInstructions: [{ fulfillmentInstructionsType: "SHIP_TO", ebaySupportedFulfillment: false, minEstimatedDeliveryDate: iso(order.created + 3 * 86_400_000), maxEstimatedDeliveryDate: iso(order.created + 7 * 86_400_000) }],
    fulfillmentHrefs: [],
    salesRecordReference: String(order.legacyOrderId.split("-")[1] ?? "1"),
    ebayCollectAndRemitTax: false,
    lineItems: order.lineItems.map((l) => ({
      lineItemId: l.lineItemId,
      legacyItemId: l.legacyItemId,
      ...(l.sku ? { sku: l.sku } : {}),
      ...(l.variationAspects ? { variationAspects: Object.entries(l.variationAspects).map(([name, value]) => ({ name, value })) } : {}),
      title: l.title,
      quantity: l.quantity,
      lineItemCost: amount(Number(l.price) * l.quantity, l.currency),
      total: amount(Number(l.price) * l.quantity, l.currency),
      deliveryCost: { shippingCost: amount(0, l.currency) },
      lineItemFulfillmentStatus: order.fulfillmentStatus === "IN_PROGRESS" ? "IN_PROGRESS" : order.fulfillmentStatus,
      soldFormat: "FIXED_PRICE",
      listingMarketplaceId: "EBAY_US",
      purchaseMarketplaceId: "EBAY_US",
      appliedPromotions: [],
      taxes: [],
      refunds: [],
    })),
  };
}
