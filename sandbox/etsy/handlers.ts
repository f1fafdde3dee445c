import type { operations } from "@/lib/marketplaces/generated/etsy-openapi-v3";
import { json, type Res } from "../http";
import type { ApiCall, ApiHandler } from "../pipeline";
import { recordRenewal } from "../stats";
import { nowSec, type EtsyListing, type EtsyReceipt, type EtsyShop } from "../state";
import { applyInventoryUpdate, inventoryUpdateError, type InventoryUpdate } from "./inventory";
import { listingQuantity, presentInventory, presentListing, presentReceipt, presentShop, presentTransaction } from "./present";
import { presentReadinessState } from "./readiness";

// Etsy Open API v3 operations, keyed by the spec's operationId. Inputs are already
// validated against the spec by the pipeline, so they are read with the spec's types.

type Query<Op extends keyof operations> = NonNullable<operations[Op]["parameters"]["query"]>;

const err = (status: number, error: string): Res => json(status, { error });

function shopOf(call: ApiCall): EtsyShop | Res {
  const shop = call.sb.state.etsy.shops[String(call.input.path.shop_id)];
  if (!shop) return err(404, `Shop ${String(call.input.path.shop_id)} not found.`);
  return shop;
}

/** The token's user must own the shop, as on Etsy. */
function ownedShop(call: ApiCall): EtsyShop | Res {
  const shop = shopOf(call);
  if ("status" in shop) return shop;
  if (String(shop.user_id) !== call.subject) return err(403, "The access token does not grant access to this shop.");
  return shop;
}

function ownedListing(call: ApiCall): { listing: EtsyListing; shop: EtsyShop } | Res {
  const listing = call.sb.state.etsy.listings[String(call.input.path.listing_id)];
  if (!listing) return err(404, `Listing ${String(call.input.path.listing_id)} not found.`);
  if (call.input.path.shop_id !== undefined && listing.shop_id !== call.input.path.shop_id) return err(404, `Listing ${listing.listing_id} not found in this shop.`);
  const shop = call.sb.state.etsy.shops[String(listing.shop_id)];
  if (call.subject !== null && String(listing.user_id) !== call.subject) return err(403, "The access token does not grant access to this listing.");
  return { listing, shop };
}

function ownedReceipt(call: ApiCall): { receipt: EtsyReceipt; shop: EtsyShop } | Res {
  const shop = ownedShop(call);
  if ("status" in shop) return shop;
  const receipt = call.sb.state.etsy.receipts[String(call.input.path.receipt_id)];
  if (!receipt || receipt.shop_id !== shop.shop_id) return err(404, `Receipt ${String(call.input.path.receipt_id)} not found.`);
  return { receipt, shop };
}

function shopListings(call: ApiCall, shopId: number): EtsyListing[] {
  return Object.values(call.sb.state.etsy.listings).filter((l) => l.shop_id === shopId);
}

function presentShopFor(call: ApiCall, shop: EtsyShop) {
  const listings = shopListings(call, shop.shop_id);
  const sold = Object.values(call.sb.state.etsy.receipts)
    .filter((r) => r.shop_id === shop.shop_id && !r.canceled)
    .reduce((n, r) => n + r.transactions.reduce((m, t) => m + t.quantity, 0), 0);
  return presentShop(shop, listings.filter((l) => l.state === "active").length, sold);
}

const descending = (order: string | undefined) => !order || ["desc", "descending", "down"].includes(order);

function page<T>(items: T[], limit = 25, offset = 0): { count: number; results: T[] } {
  return { count: items.length, results: items.slice(offset, offset + limit) };
}

const getMe: ApiHandler = (call) => {
  const shop = Object.values(call.sb.state.etsy.shops).find((s) => String(s.user_id) === call.subject);
  return json(200, { user_id: Number(call.subject), ...(shop ? { shop_id: shop.shop_id } : {}) });
};

const getShop: ApiHandler = (call) => {
  const shop = shopOf(call);
  return "status" in shop ? shop : json(200, presentShopFor(call, shop));
};

const getShopByOwnerUserId: ApiHandler = (call) => {
  const shop = Object.values(call.sb.state.etsy.shops).find((s) => s.user_id === call.input.path.user_id);
  return shop ? json(200, presentShopFor(call, shop)) : err(404, `User ${String(call.input.path.user_id)} has no shop.`);
};

const getListingsByShop: ApiHandler = (call) => {
  const shop = ownedShop(call);
  if ("status" in shop) return shop;
  const q = call.input.query as Query<"getListingsByShop">;
  const state = q.state ?? "active";
  // `sort_on`/`sort_order` are accepted and ignored, as on Etsy: the spec says they "only work when
  // combined with one of the search options (keywords, region, etc.)", which this endpoint lacks
  // (https://github.com/etsy/open-api/issues/906: even where they apply, `updated` is not monotonic).
  // A shop's listings come newest first.
  const listings = shopListings(call, shop.shop_id)
    .filter((l) => l.state === state)
    .sort((a, b) => b.created - a.created || b.listing_id - a.listing_id);
  // includes=Inventory is still accepted here (the 2026 spec dropped it from the batch and single reads).
  const withInventory = (q.includes ?? []).includes("Inventory");
  const { count, results } = page(listings, q.limit, q.offset);
  return json(200, { count, results: results.map((l) => presentListing(l, shop.currency_code, { scope: "shop", inventory: withInventory ? { scope: "shop" } : undefined })) });
};

const getListing: ApiHandler = (call) => {
  const found = ownedListing(call);
  if ("status" in found) return found;
  return json(200, presentListing(found.listing, found.shop.currency_code, { scope: "single" }));
};

const currencyOf = (call: ApiCall, l: EtsyListing) => call.sb.state.etsy.shops[String(l.shop_id)].currency_code;

// Up to 100 ids a call. Ids that do not exist are left out; so are other sellers'
// listings when a token is sent, and listings that are not active when none is.
const getListingsByListingIds: ApiHandler = (call) => {
  const q = call.input.query as Query<"getListingsByListingIds">;
  if (q.listing_ids.length > 100) return err(400, "listing_ids accepts at most 100 ids.");
  const results = [...new Set(q.listing_ids)]
    .map((id) => call.sb.state.etsy.listings[String(id)])
    .filter((l): l is EtsyListing => l !== undefined && (call.subject === null ? l.state === "active" : String(l.user_id) === call.subject))
    .map((l) => presentListing(l, currencyOf(call, l), { scope: "batch" }));
  return json(200, { count: results.length, results });
};

// The 2026 batch inventory read: up to 100 ids, and one unknown id makes the whole call 404
// (as the spec says). Processing profile ids are null here (only shop-scoped and
// single-listing reads carry them); other sellers' SKUs come back as "".
const getListingsInventoryByListingIds: ApiHandler = (call) => {
  const q = call.input.query as Query<"getListingsInventoryByListingIds">;
  const ids = [...new Set(q.listing_ids)];
  if (ids.length > 100) return err(400, "listing_ids accepts at most 100 ids.");
  const missing = ids.filter((id) => !call.sb.state.etsy.listings[String(id)]);
  if (missing.length) return err(404, `Listing(s) not found: ${missing.join(", ")}.`);
  const results = ids.map((id) => {
    const l = call.sb.state.etsy.listings[String(id)];
    return presentListing(l, currencyOf(call, l), { scope: "batch", inventory: { scope: "batch", stripSku: String(l.user_id) !== call.subject } });
  });
  return json(200, { count: results.length, results });
};

const getListingInventory: ApiHandler = (call) => {
  const found = ownedListing(call);
  if ("status" in found) return found;
  const q = call.input.query as Query<"getListingInventory">;
  return json(200, presentInventory(found.listing, found.shop.currency_code, { scope: "single", showDeleted: q.show_deleted ?? false }));
};

const updateListingInventory: ApiHandler = (call) => {
  const found = ownedListing(call);
  if ("status" in found) return found;
  const { listing, shop } = found;
  const update = call.input.body as InventoryUpdate;
  const problem = inventoryUpdateError(
    call.raw,
    update,
    shop.readiness_states.map((r) => r.readiness_state_id),
  );
  if (problem) return err(400, problem);
  applyInventoryUpdate(call.sb.state, listing, update, shop.default_readiness_state_id);
  call.sb.changed();
  return json(200, presentInventory(listing, shop.currency_code, { scope: "single" }));
};

type UpdateListingBody = NonNullable<operations["updateListing"]["requestBody"]>["content"]["application/x-www-form-urlencoded"];

const updateListing: ApiHandler = (call) => {
  const shop = ownedShop(call);
  if ("status" in shop) return shop;
  const found = ownedListing(call);
  if ("status" in found) return found;
  const { listing } = found;
  const body = (call.input.body ?? {}) as UpdateListingBody;
  const now = nowSec(call.sb.state);
  if (body.title !== undefined) listing.title = body.title;
  if (body.description !== undefined) listing.description = body.description;
  if (body.tags != null) listing.tags = body.tags;
  if (body.state && body.state !== listing.state) {
    if (body.state === "active" && listingQuantity(listing) === 0) {
      // The spec: "Setting a sold_out listing to active will update the quantity to 1".
      const product = listing.products.find((p) => !p.is_deleted);
      if (!product) return err(409, "The listing has no products to activate.");
      product.offering.quantity = 1;
      product.offering.is_enabled = true;
    }
    // "... and renew the listing on etsy.com": a paid listing fee, counted so tests can
    // check the app never renews without the seller's consent.
    if (body.state === "active" && listing.state === "sold_out") recordRenewal(call.sb.stats, listing);
    listing.state = body.state;
    listing.state_timestamp = now;
  }
  listing.last_modified = now;
  call.sb.changed();
  return json(200, presentListing(listing, shop.currency_code, { scope: "shop" }));
};

const getShopReceipts: ApiHandler = (call) => {
  const shop = ownedShop(call);
  if ("status" in shop) return shop;
  const q = call.input.query as Query<"getShopReceipts">;
  const key = { created: (r: EtsyReceipt) => r.created, updated: (r: EtsyReceipt) => r.updated, receipt_id: (r: EtsyReceipt) => r.receipt_id }[q.sort_on ?? "created"];
  const sign = descending(q.sort_order) ? -1 : 1;
  const receipts = Object.values(call.sb.state.etsy.receipts)
    .filter((r) => r.shop_id === shop.shop_id)
    .filter((r) => q.min_created == null || r.created >= q.min_created)
    .filter((r) => q.max_created == null || r.created <= q.max_created)
    .filter((r) => q.min_last_modified == null || r.updated >= q.min_last_modified)
    .filter((r) => q.max_last_modified == null || r.updated <= q.max_last_modified)
    .filter((r) => q.was_paid == null || r.is_paid === q.was_paid)
    .filter((r) => q.was_shipped == null || r.is_shipped === q.was_shipped)
    .filter((r) => q.was_delivered == null || r.is_delivered === q.was_delivered)
    .filter((r) => q.was_canceled == null || r.canceled === q.was_canceled)
    .sort((a, b) => sign * (key(a) - key(b)) || sign * (a.receipt_id - b.receipt_id));
  const { count, results } = page(receipts, q.limit, q.offset);
  return json(200, { count, results: results.map((r) => presentReceipt(r, shop)) });
};

const getShopReceipt: ApiHandler = (call) => {
  const found = ownedReceipt(call);
  return "status" in found ? found : json(200, presentReceipt(found.receipt, found.shop));
};

const getShopReceiptTransactionsByReceipt: ApiHandler = (call) => {
  const found = ownedReceipt(call);
  if ("status" in found) return found;
  const results = found.receipt.transactions.map((t) => presentTransaction(found.receipt, found.shop, t));
  return json(200, { count: results.length, results });
};

const getShopReadinessStateDefinitions: ApiHandler = (call) => {
  const shop = ownedShop(call);
  if ("status" in shop) return shop;
  const q = call.input.query as Query<"getShopReadinessStateDefinitions">;
  const { count, results } = page(shop.readiness_states, q.limit, q.offset);
  return json(200, { count, results: results.map((r) => presentReadinessState(shop, r)) });
};

const getShopReadinessStateDefinition: ApiHandler = (call) => {
  const shop = ownedShop(call);
  if ("status" in shop) return shop;
  const id = call.input.path.readiness_state_definition_id;
  const found = shop.readiness_states.find((r) => r.readiness_state_id === id);
  return found ? json(200, presentReadinessState(shop, found)) : err(404, `Readiness state definition ${String(id)} not found in this shop.`);
};

export const etsyHandlers: Record<string, ApiHandler> = {
  getMe,
  getShop,
  getShopByOwnerUserId,
  getListingsByShop,
  getListing,
  getListingsByListingIds,
  getListingsInventoryByListingIds,
  getListingInventory,
  updateListingInventory,
  updateListing,
  getShopReceipts,
  getShopReceipt,
  getShopReceiptTransactionsByReceipt,
  getShopReadinessStateDefinitions,
  getShopReadinessStateDefinition,
};
