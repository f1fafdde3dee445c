import { z } from "zod";
import { json, type Handler, type Req, type Res } from "../http";
import { createTradingListing, findVariation, outOfStockControl, setTradingAvailable, tradingAvailable, variationAvailable } from "../ebay/trading/listings";
import type { EbaySeller, TradingListing } from "../state";
import { controlError, parseBody, quantity } from "./common";

// Seller Hub listings (Trading API model) for tests and demos: create them, read their
// state, edit quantities as the seller would in Seller Hub, and set the seller's
// out-of-stock control preference. `quantity` is always what buyers can still buy.

const specifics = z.record(z.string().min(1).max(65), z.string().min(1).max(65));

export const tradingListingInput = z
  .object({
    title: z.string().min(1).max(80),
    sku: z.string().min(1).max(50).optional(),
    quantity: quantity.default(0),
    price: z.number().positive(),
    variations: z.array(z.object({ sku: z.string().min(1).max(50).optional(), specifics, quantity })).max(250).optional(),
  })
  .refine((v) => !v.variations || v.variations.length > 0, { message: "variations: give at least one, or leave it out", path: ["variations"] });

const editInput = z.object({
  quantity: quantity.optional(),
  variations: z.array(z.object({ sku: z.string().min(1).optional(), specifics: specifics.optional(), quantity })).optional(),
});

function sellerOf(req: Req): EbaySeller | Res {
  const username = req.params.username ?? "";
  return req.sandbox.state.ebay.sellers[username] ?? controlError(404, `Seller ${username} not found.`);
}

export function tradingListingState(seller: EbaySeller | undefined, l: TradingListing) {
  const available = tradingAvailable(l);
  return {
    item_id: l.itemId,
    seller: l.username,
    title: l.title,
    sku: l.sku,
    price: Number(l.price),
    state: l.status === "Completed" ? "ENDED" : available > 0 ? "ACTIVE" : "OUT_OF_STOCK",
    out_of_stock_control: seller ? outOfStockControl(seller) : true,
    quantity: available,
    quantity_sold: l.quantitySold,
    url: `https://www.ebay.com/itm/${l.itemId}`,
    variations: l.variations.map((v) => ({ sku: v.sku, specifics: v.specifics, quantity: variationAvailable(v), quantity_sold: v.quantitySold })),
  };
}

export const createTradingListingRoute: Handler = (req) => {
  const seller = sellerOf(req);
  if ("status" in seller) return seller;
  const body = parseBody(tradingListingInput, req);
  if (!body.ok) return body.res;
  const listing = createTradingListing(req.sandbox, seller, body.value);
  return json(201, { item_id: listing.itemId });
};

function listingOf(req: Req): TradingListing | Res {
  return req.sandbox.state.ebay.tradingListings[req.params.item_id ?? ""] ?? controlError(404, `Seller Hub listing ${req.params.item_id ?? ""} not found.`);
}

export const getTradingListingRoute: Handler = (req) => {
  const l = listingOf(req);
  if (!("itemId" in l)) return l;
  return json(200, tradingListingState(req.sandbox.state.ebay.sellers[l.username], l));
};

/** The seller edits available quantities in Seller Hub; at 0 without out-of-stock control the listing ends. */
export const editTradingListingRoute: Handler = (req) => {
  const found = listingOf(req);
  if (!("itemId" in found)) return found;
  const l = found;
  const seller = req.sandbox.state.ebay.sellers[l.username];
  if (!seller) return controlError(404, `Seller ${l.username} not found.`);
  const body = parseBody(editInput, req);
  if (!body.ok) return body.res;
  if (l.status !== "Active") return controlError(409, `Listing ${l.itemId} has ended; relist it on eBay (a new item id) to sell again.`);
  const { quantity: q, variations } = body.value;
  if (l.variations.length && q !== undefined) return controlError(400, "This listing has variations: set quantities per variation.");
  if (!l.variations.length && variations) return controlError(400, "This listing has no variations: set quantity.");
  for (const v of variations ?? []) {
    const target = findVariation(l, v);
    if (!target) return controlError(404, `Listing ${l.itemId} has no variation ${v.sku ?? JSON.stringify(v.specifics ?? {})}.`);
    setTradingAvailable(req.sandbox, seller, l, target, v.quantity);
  }
  if (q !== undefined) setTradingAvailable(req.sandbox, seller, l, null, q);
  return json(200, tradingListingState(seller, l));
};

export const preferencesRoute: Handler = (req) => {
  const seller = sellerOf(req);
  if ("status" in seller) return seller;
  const body = parseBody(z.object({ out_of_stock_control: z.boolean() }), req);
  if (!body.ok) return body.res;
  seller.outOfStockControl = body.value.out_of_stock_control;
  req.sandbox.changed();
  return json(200, { username: seller.username, out_of_stock_control: seller.outOfStockControl });
};
