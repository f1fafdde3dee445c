import { sendFixedPriceTransaction } from "./trading/notifications";
import { sendOrderConfirmation } from "./notification";
import type { Sandbox } from "../context";
import type { ControlError } from "../etsy/seller";
import type { SeedItem } from "../seed-data";
import { nextId, nowMs, type EbayItem, type EbayLineItem, type EbayOffer, type EbaySeller } from "../state";
import { shownQuantity } from "./present";
import { outOfStockControl } from "./trading/listings";
import { restoreTrading, sellTrading } from "./trading/sales";

// What an eBay seller and their buyers do on eBay itself: list (published offers),
// sell, cancel, edit quantity in Seller Hub.

export function createSeller(sb: Sandbox, username: string): EbaySeller {
  const seller: EbaySeller = { username, userId: `u${nextId(sb.state, "ebayUser")}`, items: {} };
  sb.state.ebay.sellers[username] = seller;
  sb.changed();
  return seller;
}

export function addItem(sb: Sandbox, seller: EbaySeller, input: SeedItem): EbayItem {
  const item: EbayItem = {
    sku: input.sku,
    title: input.title,
    description: `${input.title}. Ships in 2 business days.`,
    condition: "NEW",
    quantity: input.quantity,
    aspects: { Brand: ["Unbranded"] },
    imageUrls: [],
    offers: [
      {
        offerId: String(nextId(sb.state, "ebayOffer")),
        listingId: String(nextId(sb.state, "ebayListing")),
        availableQuantity: input.quantity,
        soldQuantity: 0,
        price: input.price.toFixed(2),
        currency: "USD",
        status: "PUBLISHED",
      },
    ],
    seq: nextId(sb.state, "ebaySeq"),
  };
  seller.items[item.sku] = item;
  sb.changed();
  return item;
}

/** Without out-of-stock control a published offer whose listing sells out ends for good (listingStatus ENDED). */
export function endOfferIfSoldOut(seller: EbaySeller, item: EbayItem, offer: EbayOffer): void {
  if (offer.status === "PUBLISHED" && shownQuantity(item, offer) === 0 && !outOfStockControl(seller)) offer.ended = true;
}

export type OrderInput = { sku?: string; item_id?: string; specifics?: Record<string, string>; quantity: number };

/** A buyer's order: of an Inventory-model item by SKU, or of a Seller Hub listing by item id (and variation SKU). */
export function recordOrder(sb: Sandbox, seller: EbaySeller, input: OrderInput): { order_id: string } | ControlError {
  const inventoryItem = input.item_id
    ? Object.values(seller.items).find((i) => i.offers.some((o) => o.listingId === input.item_id))
    : input.sku
      ? seller.items[input.sku]
      : undefined;
  let line: Omit<EbayLineItem, "lineItemId">;
  if (inventoryItem) {
    const sold = sellInventoryItem(seller, inventoryItem, input.quantity);
    if ("status" in sold) return sold;
    line = sold;
  } else if (input.item_id) {
    const sold = sellTrading(sb, seller, { item_id: input.item_id, sku: input.sku, specifics: input.specifics, quantity: input.quantity });
    if ("status" in sold) return sold;
    line = sold.line;
  } else return { status: 404, message: `Seller ${seller.username} has no item with SKU ${input.sku ?? ""}.` };
  const now = nowMs(sb.state);
  const n = nextId(sb.state, "ebayOrder");
  const orderId = `${String(n % 100).padStart(2, "0")}-${String(10_000 + (n % 90_000)).padStart(5, "0")}-${String(n).padStart(5, "0").slice(-5)}`;
  sb.state.ebay.orders[orderId] = {
    orderId,
    legacyOrderId: `${line.legacyItemId}-${n}`,
    username: seller.username,
    buyerUsername: `buyer_${n}`,
    created: now,
    lastModified: now,
    fulfillmentStatus: "NOT_STARTED",
    cancelledAt: null,
    lineItems: [{ lineItemId: String(nextId(sb.state, "ebayLineItem")), ...line }],
  };
  sb.changed();
  const order = sb.state.ebay.orders[String(orderId)];
  sendOrderConfirmation(sb, order);
  // Seller Hub listings also notify through the Trading API's platform notifications.
  if (!inventoryItem) for (const l of order.lineItems) sendFixedPriceTransaction(sb, order, l);
  return { order_id: orderId };
}

function sellInventoryItem(seller: EbaySeller, item: EbayItem, quantity: number): Omit<EbayLineItem, "lineItemId"> | ControlError {
  const offer = item.offers.find((o) => o.status === "PUBLISHED");
  if (!offer) return { status: 409, message: `SKU ${item.sku} has no published offer; nothing to buy.` };
  if (offer.ended) return { status: 409, message: `The listing for SKU ${item.sku} has ended; relist it on eBay to sell again.` };
  const available = shownQuantity(item, offer);
  if (available < quantity) return { status: 409, message: `Only ${available} available for SKU ${item.sku}.` };
  item.quantity -= quantity;
  offer.availableQuantity -= quantity;
  offer.soldQuantity += quantity;
  endOfferIfSoldOut(seller, item, offer);
  return { legacyItemId: offer.listingId, offerId: offer.offerId, sku: item.sku, title: item.title, quantity, price: offer.price, currency: offer.currency };
}

export function cancelOrder(sb: Sandbox, orderId: string): { ok: true } | ControlError {
  const order = sb.state.ebay.orders[orderId];
  if (!order) return { status: 404, message: `Order ${orderId} not found.` };
  if (order.cancelledAt !== null) return { status: 409, message: `Order ${orderId} is already cancelled.` };
  const seller = sb.state.ebay.sellers[order.username];
  for (const line of order.lineItems) {
    if (!line.offerId && restoreTrading(sb, line)) continue;
    const item = seller?.items[line.sku];
    const offer = item?.offers.find((o) => o.offerId === line.offerId);
    if (!item || !offer) continue;
    item.quantity += line.quantity;
    offer.availableQuantity += line.quantity;
    offer.soldQuantity = Math.max(0, offer.soldQuantity - line.quantity);
  }
  const now = nowMs(sb.state);
  order.cancelledAt = now;
  order.lastModified = now;
  sb.changed();
  return { ok: true };
}

/** The seller edits the listing quantity in Seller Hub: item and published offers follow. */
export function editItemQuantity(sb: Sandbox, seller: EbaySeller, sku: string, quantity: number): EbayItem | ControlError {
  const item = seller.items[sku];
  if (!item) return { status: 404, message: `Seller ${seller.username} has no item with SKU ${sku}.` };
  item.quantity = quantity;
  for (const o of item.offers) {
    if (o.status !== "PUBLISHED") continue;
    o.availableQuantity = quantity;
    endOfferIfSoldOut(seller, item, o);
  }
  sb.changed();
  return item;
}

/** The seller ships the order: orderfulfillmentstatus becomes FULFILLED. */
export function shipOrder(sb: Sandbox, orderId: string): { ok: true } | ControlError {
  const order = sb.state.ebay.orders[orderId];
  if (!order) return { status: 404, message: `Order ${orderId} not found.` };
  if (order.cancelledAt !== null) return { status: 409, message: `Order ${orderId} is cancelled.` };
  order.fulfillmentStatus = "FULFILLED";
  order.lastModified = nowMs(sb.state);
  sb.changed();
  return { ok: true };
}
