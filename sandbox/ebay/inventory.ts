import type { components, operations } from "@/lib/marketplaces/generated/ebay-sell-inventory-v1";
import { json, noContent, type Res } from "../http";
import type { ApiCall, ApiHandler } from "../pipeline";
import type { EbayItem, EbaySeller } from "../state";
import { ebayError } from "./api";
import { presentItem, presentOffer, type PresentedItem } from "./present";
import { endOfferIfSoldOut } from "./seller";

// Sell Inventory API v1. Pagination here is by page: `offset` is a page number
// (the spec: "sets the page number to retrieve"). bulkUpdatePriceQuantity takes at most 25 requests.

const MAX_BULK = 25;
const base = "https://api.ebay.com/sell/inventory/v1";

type Query<Op extends keyof operations> = NonNullable<operations[Op]["parameters"]["query"]>;

const invalid = (field: string, extra = "") => ebayError("inventory", 400, `Invalid value for ${field}.${extra ? ` ${extra}` : ""}`, 25709);

export function sellerOf(call: ApiCall): EbaySeller | Res {
  const seller = call.sb.state.ebay.sellers[call.subject ?? ""];
  return seller ?? ebayError("inventory", 404, "We didn't find the resource/entity you are requesting. Please verify the request", 25710);
}

function intParam(value: string | undefined, fallback: number, min: number, max: number): number | null {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) return null;
  const n = Number(value);
  return n >= min && n <= max ? n : null;
}

function itemsInOrder(seller: EbaySeller): EbayItem[] {
  return Object.values(seller.items).sort((a, b) => a.seq - b.seq);
}

const getInventoryItems: ApiHandler = (call) => {
  const seller = sellerOf(call);
  if ("status" in seller) return seller;
  const q = call.input.query as Query<"getInventoryItems">;
  const limit = intParam(q.limit, 100, 1, 200);
  if (limit === null) return invalid("limit", "The limit must be an integer from 1 to 200.");
  const pageNo = intParam(q.offset, 0, 0, Number.MAX_SAFE_INTEGER);
  if (pageNo === null) return ebayError("inventory", 400, "You have provided invalid pagination values. offset must be a page number (0 or more).", 25706);
  const items = itemsInOrder(seller);
  const pages = Math.ceil(items.length / limit);
  const href = (p: number) => `${base}/inventory_item?limit=${limit}&offset=${p}`;
  return json(200, {
    href: href(pageNo),
    total: items.length,
    size: pages,
    limit,
    inventoryItems: items.slice(pageNo * limit, pageNo * limit + limit).map(presentItem),
    ...(pageNo + 1 < pages ? { next: href(pageNo + 1) } : {}),
    ...(pageNo > 0 ? { prev: href(pageNo - 1) } : {}),
  } satisfies Omit<components["schemas"]["InventoryItems"], "inventoryItems"> & { inventoryItems: PresentedItem[] });
};

function itemOf(call: ApiCall, seller: EbaySeller, sku: string): EbayItem | Res {
  return seller.items[sku] ?? ebayError("inventory", 404, `${sku} could not be found or is not available in the system.`, 25702);
}

const getInventoryItem: ApiHandler = (call) => {
  const seller = sellerOf(call);
  if ("status" in seller) return seller;
  const item = itemOf(call, seller, String(call.input.path.sku));
  return "status" in item ? item : json(200, presentItem(item));
};

type InventoryItemBody = NonNullable<operations["createOrReplaceInventoryItem"]["requestBody"]>["content"]["application/json"];

const createOrReplaceInventoryItem: ApiHandler = (call) => {
  const seller = sellerOf(call);
  if ("status" in seller) return seller;
  const sku = String(call.input.path.sku);
  if (sku.length > 50) return invalid("sku", "Max length is 50.");
  const body = call.input.body as InventoryItemBody;
  const quantity = body.availability?.shipToLocationAvailability?.quantity ?? 0;
  if (quantity < 0) return invalid("availability.shipToLocationAvailability.quantity");
  const existing = seller.items[sku];
  // A replace, not a merge: what the body leaves out is cleared, as eBay documents.
  seller.items[sku] = {
    sku,
    title: body.product?.title ?? "",
    description: body.product?.description ?? "",
    condition: body.condition ?? "NEW",
    quantity,
    aspects: (body.product?.aspects as Record<string, string[]> | undefined) ?? {},
    imageUrls: body.product?.imageUrls ?? [],
    offers: existing?.offers ?? [],
    seq: existing?.seq ?? Object.keys(seller.items).length + 1,
  };
  call.sb.changed();
  return noContent();
};

const getOffers: ApiHandler = (call) => {
  const seller = sellerOf(call);
  if ("status" in seller) return seller;
  const q = call.input.query as Query<"getOffers">;
  if (!q.sku) return invalid("sku", "The sku query parameter is required.");
  const limit = intParam(q.limit, 100, 1, 200);
  const pageNo = intParam(q.offset, 0, 0, Number.MAX_SAFE_INTEGER);
  if (limit === null || pageNo === null) return ebayError("inventory", 400, "You have provided invalid pagination values.", 25706);
  const item = itemOf(call, seller, q.sku);
  if ("status" in item) return item;
  const offers = item.offers.slice(pageNo * limit, pageNo * limit + limit).map((o) => presentOffer(item, o));
  return json(200, { href: `${base}/offer?sku=${encodeURIComponent(item.sku)}&limit=${limit}&offset=${pageNo}`, limit, size: offers.length, total: item.offers.length, offers });
};

type BulkBody = NonNullable<operations["bulkUpdatePriceQuantity"]["requestBody"]>["content"]["application/json"];
type PriceQuantityResponse = components["schemas"]["PriceQuantityResponse"];

const bulkUpdatePriceQuantity: ApiHandler = (call) => {
  const seller = sellerOf(call);
  if ("status" in seller) return seller;
  const requests = (call.input.body as BulkBody).requests ?? [];
  if (requests.length === 0) return invalid("requests", "At least one request is required.");
  if (requests.length > MAX_BULK) return invalid("requests", `At most ${MAX_BULK} requests are allowed per call.`);
  const responses: PriceQuantityResponse[] = [];
  const fail = (sku: string, statusCode: number, errorId: number, message: string, offerId?: string) =>
    responses.push({ sku, ...(offerId ? { offerId } : {}), statusCode, errors: [{ errorId, domain: "API_INVENTORY", category: "REQUEST", message }] });
  for (const r of requests) {
    const sku = r.sku ?? "";
    const item = seller.items[sku];
    if (!item) {
      fail(sku, 404, 25702, `${sku} could not be found or is not available in the system.`);
      continue;
    }
    const qty = r.shipToLocationAvailability?.quantity;
    if (qty !== undefined && qty < 0) {
      fail(sku, 400, 25709, "Invalid value for shipToLocationAvailability.quantity.");
      continue;
    }
    const offerUpdates = r.offers ?? [];
    const badOffer = offerUpdates.find((o) => !item.offers.some((x) => x.offerId === o.offerId));
    if (badOffer) {
      fail(sku, 400, 25709, `Invalid value for offerId. Offer ${badOffer.offerId ?? ""} does not belong to SKU ${sku}.`, badOffer.offerId);
      continue;
    }
    if (offerUpdates.some((o) => (o.availableQuantity ?? 0) < 0)) {
      fail(sku, 400, 25709, "Invalid value for availableQuantity.");
      continue;
    }
    const ended = offerUpdates.find((o) => item.offers.find((x) => x.offerId === o.offerId)?.ended);
    if (ended) {
      // An ended listing cannot be restocked; the seller relists it on eBay (a new listing id).
      fail(sku, 400, 25002, `The listing of offer ${ended.offerId ?? ""} has ended and cannot be revised. Relist it on eBay.`, ended.offerId);
      continue;
    }
    if (qty !== undefined) item.quantity = qty;
    for (const o of offerUpdates) {
      const offer = item.offers.find((x) => x.offerId === o.offerId);
      if (!offer) continue;
      if (o.availableQuantity !== undefined) offer.availableQuantity = o.availableQuantity;
      if (o.price?.value !== undefined) offer.price = o.price.value;
      endOfferIfSoldOut(seller, item, offer);
      responses.push({ sku, offerId: offer.offerId, statusCode: 200 });
    }
    if (offerUpdates.length === 0) responses.push({ sku, statusCode: 200 });
  }
  call.sb.changed();
  const allOk = responses.every((r) => r.statusCode === 200);
  return json(allOk ? 200 : 207, { responses });
};

export const inventoryHandlers: Record<string, ApiHandler> = {
  getInventoryItems,
  getInventoryItem,
  createOrReplaceInventoryItem,
  getOffers,
  bulkUpdatePriceQuantity,
};
