import { z } from "zod";
import type { Sandbox } from "../context";
import { presentListing } from "../etsy/present";
import { cancelReceipt, createListing, createShop, editQuantity, recordSale, shipReceipt } from "../etsy/seller";
import { json, noContent, type Handler, type Res } from "../http";
import { revokeSubject } from "../oauth/tokens";
import { generatedListings } from "../seed-data";
import type { EtsyListing } from "../state";
import { controlError, idParam, parseBody, quantity } from "./common";

const listingInput = z.object({
  title: z.string().min(1).max(140),
  sku: z.string().min(1).max(32).optional(),
  quantity,
  price: z.number().min(0.2).max(50_000),
  variations: z
    .array(
      z.object({
        property: z.string().min(1),
        values: z.array(z.object({ value: z.string().min(1), sku: z.string().min(1).max(32).optional(), quantity })).min(1),
      }),
    )
    .max(2)
    .optional(),
});

export const shopInput = z.object({
  shop_name: z.string().min(1).max(50),
  listings: z.union([z.number().int().min(0).max(1000), z.array(listingInput)]).default(0),
});

export function seedShop(sb: Sandbox, input: z.infer<typeof shopInput>) {
  const shop = createShop(sb, input.shop_name);
  const shopIndex = Object.keys(sb.state.etsy.shops).length;
  const listings = typeof input.listings === "number" ? generatedListings(input.listings, shopIndex) : input.listings;
  const listing_ids = listings.map((l) => createListing(sb, shop, l).listing_id);
  return { shop_id: shop.shop_id, user_id: shop.user_id, listing_ids };
}

const asRes = <T>(r: T | { status: 400 | 404 | 409; message: string }, ok: (v: T) => Res): Res =>
  typeof r === "object" && r !== null && "status" in r && "message" in r ? controlError(r.status, r.message) : ok(r as T);

const storedListing = (sb: Sandbox, listing: EtsyListing) => presentListing(listing, sb.state.etsy.shops[String(listing.shop_id)]?.currency_code ?? "USD", true);

export const createShopRoute: Handler = (req) => {
  const body = parseBody(shopInput, req);
  if (!body.ok) return body.res;
  return json(201, seedShop(req.sandbox, body.value));
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

const saleInput = z.object({ listing_id: z.number().int().positive(), sku: z.string().min(1).optional(), quantity: z.number().int().min(1) });

export const saleRoute: Handler = (req) => {
  const shop = req.sandbox.state.etsy.shops[String(idParam(req, "shop_id"))];
  if (!shop) return controlError(404, `Shop ${req.params.shop_id} not found.`);
  const body = parseBody(saleInput, req);
  if (!body.ok) return body.res;
  return asRes(recordSale(req.sandbox, shop, body.value), (r) => json(201, r));
};

export const cancelReceiptRoute: Handler = (req) => {
  const id = idParam(req, "receipt_id");
  if (id === null) return controlError(404, `Receipt ${req.params.receipt_id} not found.`);
  return asRes(cancelReceipt(req.sandbox, id), () => json(200, { receipt_id: id, status: "canceled" }));
};

export const shipReceiptRoute: Handler = (req) => {
  const id = idParam(req, "receipt_id");
  if (id === null) return controlError(404, `Receipt ${req.params.receipt_id} not found.`);
  return asRes(shipReceipt(req.sandbox, id), () => json(200, { receipt_id: id, status: "completed" }));
};

// `quantity` sets the stock as the listing editor does; `delta` adds to what the listing
// shows at that instant (read and written in one handler, so no sale can land between),
// which lets a test know the exact size of an edit made while buyers keep buying.
const editInput = z
  .object({ quantity: quantity.optional(), delta: z.number().int().min(-999_999).max(999_999).optional(), sku: z.string().min(1).optional() })
  .refine((v) => (v.quantity === undefined) !== (v.delta === undefined), { message: "pass either quantity or delta" });

export const editListingRoute: Handler = (req) => {
  const id = idParam(req, "listing_id");
  const listing = id === null ? undefined : req.sandbox.state.etsy.listings[String(id)];
  if (id === null || !listing) return controlError(404, `Listing ${req.params.listing_id} not found.`);
  const body = parseBody(editInput, req);
  if (!body.ok) return body.res;
  const { sku, delta } = body.value;
  let target = body.value.quantity ?? 0;
  if (delta !== undefined) {
    const live = listing.products.filter((p) => !p.is_deleted);
    const product = sku !== undefined ? live.find((p) => p.sku === sku) : live.length === 1 ? live[0] : undefined;
    if (!product) return controlError(sku !== undefined ? 404 : 400, `Listing ${id}: pass the sku of one of its products.`);
    target = product.offering.quantity + delta;
    if (target < 0) return controlError(409, `Only ${product.offering.quantity} left of that product; cannot remove ${-delta}.`);
  }
  return asRes(editQuantity(req.sandbox, id, { quantity: target, sku }), (l) => json(200, storedListing(req.sandbox, l)));
};

export const getListingRoute: Handler = (req) => {
  const listing = req.sandbox.state.etsy.listings[String(idParam(req, "listing_id"))];
  return listing ? json(200, storedListing(req.sandbox, listing)) : controlError(404, `Listing ${req.params.listing_id} not found.`);
};

export const revokeEtsyRoute: Handler = (req) => {
  const shop = req.sandbox.state.etsy.shops[String(idParam(req, "shop_id"))];
  if (!shop) return controlError(404, `Shop ${req.params.shop_id} not found.`);
  revokeSubject(req.sandbox, "etsy", String(shop.user_id));
  return noContent();
};
