import { z } from "zod";
import type { Sandbox } from "../context";
import { presentListing } from "../etsy/present";
import { cancelReceipt, deliverReceipt, refundReceipt, shipReceipt } from "../etsy/receipts";
import { createListing, createShop, editListing, recordSale, type ControlError } from "../etsy/seller";
import { json, noContent, type Handler, type Res } from "../http";
import { revokeSubject } from "../oauth/tokens";
import { generatedListings } from "../seed-data";
import { nowMs, type EtsyListing, type EtsyShop } from "../state";
import { controlError, idParam, parseBody, quantity } from "./common";

// Processing profile of a listing or a variation value: an id of the shop's profiles, or
// the kind of profile (the shop's "ready_to_ship" or "made_to_order" one).
const readiness = {
  readiness_state_id: z.number().int().positive().optional(),
  readiness_state: z.enum(["ready_to_ship", "made_to_order"]).optional(),
};

const listingInput = z.object({
  title: z.string().min(1).max(140),
  sku: z.string().min(1).max(32).optional(),
  quantity,
  price: z.number().min(0.2).max(50_000),
  ...readiness,
  variations: z
    .array(
      z.object({
        property: z.string().min(1),
        values: z.array(z.object({ value: z.string().min(1), sku: z.string().min(1).max(32).optional(), quantity, ...readiness })).min(1),
      }),
    )
    .max(2)
    .optional(),
});

export const shopInput = z.object({
  shop_name: z.string().min(1).max(50),
  listings: z.union([z.number().int().min(0).max(1000), z.array(listingInput)]).default(0),
});

const isControlError = (r: unknown): r is ControlError => typeof r === "object" && r !== null && "status" in r && "message" in r && !("listing_id" in r);

export function seedShop(sb: Sandbox, input: z.infer<typeof shopInput>) {
  const shop = createShop(sb, input.shop_name);
  const shopIndex = Object.keys(sb.state.etsy.shops).length;
  const listings = typeof input.listings === "number" ? generatedListings(input.listings, shopIndex) : input.listings;
  const listing_ids = listings.map((l) => {
    const created = createListing(sb, shop, l);
    // Unreachable through the route, which refuses profile ids before the shop exists.
    if (isControlError(created)) throw new Error(created.message);
    return created.listing_id;
  });
  return { shop_id: shop.shop_id, user_id: shop.user_id, listing_ids, readiness_states: shop.readiness_states, default_readiness_state_id: shop.default_readiness_state_id };
}

const asRes = <T>(r: T | ControlError, ok: (v: T) => Res): Res => (isControlError(r) ? controlError(r.status, r.message) : ok(r as T));

/** The stored listing as Etsy's single-listing reads show it, with its inventory and renewal count. */
const storedListing = (sb: Sandbox, listing: EtsyListing) => ({
  ...presentListing(listing, sb.state.etsy.shops[String(listing.shop_id)]?.currency_code ?? "USD", { scope: "single", inventory: { scope: "single" } }),
  renewals: listing.renewals,
});

export const createShopRoute: Handler = (req) => {
  const body = parseBody(shopInput, req);
  if (!body.ok) return body.res;
  const listings = typeof body.value.listings === "number" ? [] : body.value.listings;
  if (listings.some((l) => l.readiness_state_id !== undefined || (l.variations ?? []).some((v) => v.values.some((x) => x.readiness_state_id !== undefined))))
    return controlError(400, "readiness_state_id can't name a profile of a shop that does not exist yet: use readiness_state, or add listings with POST /_control/etsy/shops/{shop_id}/listings.");
  return json(201, seedShop(req.sandbox, body.value));
};

function shopParam(req: Parameters<Handler>[0]): EtsyShop | Res {
  return req.sandbox.state.etsy.shops[String(idParam(req, "shop_id"))] ?? controlError(404, `Shop ${req.params.shop_id} not found.`);
}

/** POST /_control/etsy/shops/{shop_id}/listings: the seller lists one more item. */
export const createListingRoute: Handler = (req) => {
  const shop = shopParam(req);
  if ("status" in shop) return shop;
  const body = parseBody(listingInput, req);
  if (!body.ok) return body.res;
  return asRes(createListing(req.sandbox, shop, body.value), (l) => json(201, storedListing(req.sandbox, l)));
};

export const listShopsRoute: Handler = (req) =>
  json(
    200,
    Object.values(req.sandbox.state.etsy.shops).map((s) => ({
      ...s,
      listings: Object.values(req.sandbox.state.etsy.listings)
        .filter((l) => l.shop_id === s.shop_id)
        .map((l) => storedListing(req.sandbox, l)),
    })),
  );

const saleInput = z.object({ listing_id: z.number().int().positive(), sku: z.string().min(1).optional(), quantity: z.number().int().min(1), paid: z.boolean().optional() });

export const saleRoute: Handler = (req) => {
  const shop = shopParam(req);
  if ("status" in shop) return shop;
  const body = parseBody(saleInput, req);
  if (!body.ok) return body.res;
  return asRes(recordSale(req.sandbox, shop, body.value), (r) => json(201, r));
};

function receiptRoute(status: string, act: (sb: Sandbox, id: number) => { ok: true } | ControlError): Handler {
  return (req) => {
    const id = idParam(req, "receipt_id");
    if (id === null) return controlError(404, `Receipt ${req.params.receipt_id} not found.`);
    return asRes(act(req.sandbox, id), () => json(200, { receipt_id: id, status }));
  };
}

export const cancelReceiptRoute = receiptRoute("canceled", cancelReceipt);
export const shipReceiptRoute = receiptRoute("completed", shipReceipt);
export const deliverReceiptRoute = receiptRoute("completed", deliverReceipt);

export const refundReceiptRoute: Handler = (req) => {
  const id = idParam(req, "receipt_id");
  if (id === null) return controlError(404, `Receipt ${req.params.receipt_id} not found.`);
  const body = parseBody(z.object({ amount: z.number().positive().optional(), reason: z.string().optional() }), req);
  if (!body.ok) return body.res;
  return asRes(refundReceipt(req.sandbox, id, body.value), (r) => json(200, { receipt_id: id, status: r.status }));
};

// `quantity` sets the stock as the listing editor does; `delta` adds to what the listing
// shows at that instant (read and written in one handler, so no sale can land between),
// which lets a test know the exact size of an edit made while buyers keep buying.
const editInput = z
  .object({
    quantity: quantity.optional(),
    delta: z.number().int().min(-999_999).max(999_999).optional(),
    sku: z.string().min(1).optional(),
    readiness_state_id: z.number().int().positive().optional(),
  })
  .refine((v) => v.quantity === undefined || v.delta === undefined, { message: "send quantity or delta, not both" })
  .refine((v) => v.quantity !== undefined || v.delta !== undefined || v.readiness_state_id !== undefined, { message: "send quantity, delta and/or readiness_state_id" });

export const editListingRoute: Handler = (req) => {
  const id = idParam(req, "listing_id");
  const listing = id === null ? undefined : req.sandbox.state.etsy.listings[String(id)];
  if (id === null || !listing) return controlError(404, `Listing ${req.params.listing_id} not found.`);
  const body = parseBody(editInput, req);
  if (!body.ok) return body.res;
  const { delta, ...edit } = body.value;
  if (delta !== undefined) {
    const live = listing.products.filter((p) => !p.is_deleted);
    const product = edit.sku !== undefined ? live.find((p) => p.sku === edit.sku) : live.length === 1 ? live[0] : undefined;
    if (!product) return controlError(edit.sku !== undefined ? 404 : 400, `Listing ${id}: pass the sku of one of its products.`);
    edit.quantity = product.offering.quantity + delta;
    if (edit.quantity < 0) return controlError(409, `Only ${product.offering.quantity} left of that product; cannot remove ${-delta}.`);
  }
  return asRes(editListing(req.sandbox, id, edit), (l) => json(200, storedListing(req.sandbox, l)));
};

export const getListingRoute: Handler = (req) => {
  const listing = req.sandbox.state.etsy.listings[String(idParam(req, "listing_id"))];
  return listing ? json(200, storedListing(req.sandbox, listing)) : controlError(404, `Listing ${req.params.listing_id} not found.`);
};

export const revokeEtsyRoute: Handler = (req) => {
  const shop = shopParam(req);
  if ("status" in shop) return shop;
  revokeSubject(req.sandbox, "etsy", String(shop.user_id));
  return noContent();
};

const limitsView = (sb: Sandbox) => {
  const h = sb.etsyLimiter.headers(nowMs(sb.state));
  return { per_second: sb.etsyLimiter.perSecond, per_day: sb.etsyLimiter.perDay, remaining_this_second: Number(h["x-remaining-this-second"]), remaining_today: Number(h["x-remaining-today"]) };
};

export const getLimitsRoute: Handler = (req) => json(200, limitsView(req.sandbox));

/** PUT /_control/etsy/limits: the app's advertised budgets (Etsy raises them per app on request); reset restores the configured ones. */
export const putLimitsRoute: Handler = (req) => {
  const body = parseBody(z.object({ per_second: z.number().int().min(1).optional(), per_day: z.number().int().min(1).optional() }), req);
  if (!body.ok) return body.res;
  req.sandbox.etsyLimiter.setLimits({ perSecond: body.value.per_second, perDay: body.value.per_day });
  return json(200, limitsView(req.sandbox));
};
