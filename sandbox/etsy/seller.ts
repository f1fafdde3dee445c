import type { Sandbox } from "../context";
import type { SeedListing } from "../seed-data";
import { nextId, nowSec, type EtsyListing, type EtsyProduct, type EtsyPropertyValue, type EtsyShop } from "../state";
import { listingQuantity } from "./present";

// What a seller and their buyers do on Etsy itself: open a shop, list, sell, cancel,
// edit stock. The control API and the home page call these.

export type ControlError = { status: 400 | 404 | 409; message: string };

// Etsy's built-in properties for the common variations; others are custom (513, 514).
const knownProperties: Record<string, number> = { size: 100, color: 200, colour: 200, "primary color": 200 };

export function createShop(sb: Sandbox, shopName: string): EtsyShop {
  const now = nowSec(sb.state);
  const shop: EtsyShop = {
    shop_id: nextId(sb.state, "etsyShop"),
    user_id: nextId(sb.state, "etsyUser"),
    shop_name: shopName,
    login_name: shopName.toLowerCase().replace(/[^a-z0-9]/g, ""),
    email: `${shopName.toLowerCase().replace(/[^a-z0-9]/g, "")}@example.com`,
    created: now,
    updated: now,
    currency_code: "USD",
  };
  sb.state.etsy.shops[String(shop.shop_id)] = shop;
  sb.changed();
  return shop;
}

export function createListing(sb: Sandbox, shop: EtsyShop, input: SeedListing): EtsyListing {
  const state = sb.state;
  const now = nowSec(state);
  const priceCents = Math.round(input.price * 100);
  const offering = (quantity: number) => ({ offering_id: nextId(state, "etsyOffering"), price_cents: priceCents, quantity, is_enabled: true, is_deleted: false });
  const variations = (input.variations ?? []).slice(0, 2);
  let customId = 513;
  const props = variations.map((v) => ({
    id: knownProperties[v.property.toLowerCase()] ?? customId++,
    name: v.property,
    values: v.values.map((x) => ({ ...x, valueId: nextId(state, "etsyValue") })),
  }));
  let products: EtsyProduct[];
  if (props.length === 0) {
    products = [{ product_id: nextId(state, "etsyProduct"), sku: input.sku ?? "", is_deleted: false, property_values: [], offering: offering(input.quantity) }];
  } else {
    // One product per combination of values (the cartesian product of the variations).
    const combos = props.reduce<(typeof props)[number]["values"][number][][]>((acc, p) => acc.flatMap((c) => p.values.map((v) => [...c, v])), [[]]);
    products = combos.map((combo) => ({
      product_id: nextId(state, "etsyProduct"),
      sku: combo.every((v) => v.sku) ? combo.map((v) => v.sku).join("-") : (input.sku ?? ""),
      is_deleted: false,
      property_values: combo.map(
        (v, i): EtsyPropertyValue => ({ property_id: props[i].id, property_name: props[i].name, scale_id: null, scale_name: null, value_ids: [v.valueId], values: [v.value] }),
      ),
      offering: offering(Math.min(...combo.map((v) => v.quantity))),
    }));
  }
  const propertyIds = props.map((p) => p.id);
  const listing: EtsyListing = {
    listing_id: nextId(state, "etsyListing"),
    shop_id: shop.shop_id,
    user_id: shop.user_id,
    title: input.title,
    description: `${input.title}, made by hand in small batches.`,
    state: "active",
    created: now,
    last_modified: now,
    state_timestamp: now,
    tags: ["handmade"],
    products,
    price_on_property: [],
    quantity_on_property: propertyIds,
    sku_on_property: products.length > 1 && new Set(products.map((p) => p.sku)).size > 1 ? propertyIds : [],
  };
  if (listingQuantity(listing) === 0) listing.state = "sold_out";
  state.etsy.listings[String(listing.listing_id)] = listing;
  sb.changed();
  return listing;
}

/** The product a sale or an edit is about: by SKU, or the only product of the listing. */
function pickProduct(listing: EtsyListing, sku: string | undefined): EtsyProduct | ControlError {
  const live = listing.products.filter((p) => !p.is_deleted);
  if (sku !== undefined) {
    const bySku = live.find((p) => p.sku === sku);
    return bySku ?? { status: 404, message: `Listing ${listing.listing_id} has no product with SKU ${sku}.` };
  }
  if (live.length === 1) return live[0];
  return { status: 400, message: `Listing ${listing.listing_id} has ${live.length} products; pass the sku of the one sold.` };
}

/** Sold-out listings go to `sold_out`; restocked ones come back to `active`. */
function settleState(listing: EtsyListing, now: number): void {
  const quantity = listingQuantity(listing);
  if (quantity === 0 && listing.state === "active") {
    listing.state = "sold_out";
    listing.state_timestamp = now;
  } else if (quantity > 0 && listing.state === "sold_out") {
    listing.state = "active";
    listing.state_timestamp = now;
  }
}

export function recordSale(sb: Sandbox, shop: EtsyShop, input: { listing_id: number; sku?: string; quantity: number }): { receipt_id: number } | ControlError {
  const state = sb.state;
  const listing = state.etsy.listings[String(input.listing_id)];
  if (!listing || listing.shop_id !== shop.shop_id) return { status: 404, message: `Listing ${input.listing_id} not found in shop ${shop.shop_id}.` };
  if (listing.state !== "active") return { status: 409, message: `Listing ${listing.listing_id} is ${listing.state}; only active listings can be bought.` };
  const product = pickProduct(listing, input.sku);
  if ("status" in product) return product;
  if (!product.offering.is_enabled) return { status: 409, message: `That product is not for sale (offering disabled).` };
  if (product.offering.quantity < input.quantity) return { status: 409, message: `Only ${product.offering.quantity} left of that product.` };
  const now = nowSec(state);
  product.offering.quantity -= input.quantity;
  listing.last_modified = now;
  settleState(listing, now);
  const receiptId = nextId(state, "etsyReceipt");
  const buyer = nextId(state, "etsyBuyer");
  state.etsy.receipts[String(receiptId)] = {
    receipt_id: receiptId,
    shop_id: shop.shop_id,
    buyer_user_id: buyer,
    buyer_email: `buyer${buyer}@example.com`,
    name: "Sandbox Buyer",
    created: now,
    updated: now,
    is_paid: true,
    is_shipped: false,
    canceled: false,
    currency_code: shop.currency_code,
    transactions: [
      {
        transaction_id: nextId(state, "etsyTransaction"),
        listing_id: listing.listing_id,
        product_id: product.product_id,
        sku: product.sku,
        title: listing.title,
        quantity: input.quantity,
        price_cents: product.offering.price_cents,
        variations: product.property_values.map((pv) => ({
          property_id: pv.property_id ?? 0,
          value_id: pv.value_ids?.[0] ?? null,
          formatted_name: pv.property_name ?? "",
          formatted_value: pv.values?.[0] ?? "",
        })),
        product_data: product.property_values,
      },
    ],
  };
  sb.changed();
  return { receipt_id: receiptId };
}

/** A cancelled order puts its quantities back (matched by SKU or values: product ids change on updates). */
export function cancelReceipt(sb: Sandbox, receiptId: number): { ok: true } | ControlError {
  const state = sb.state;
  const receipt = state.etsy.receipts[String(receiptId)];
  if (!receipt) return { status: 404, message: `Receipt ${receiptId} not found.` };
  if (receipt.canceled) return { status: 409, message: `Receipt ${receiptId} is already canceled.` };
  const now = nowSec(state);
  for (const t of receipt.transactions) {
    const listing = state.etsy.listings[String(t.listing_id)];
    if (!listing) continue;
    const values = JSON.stringify(t.product_data.map((pv) => pv.values));
    const product =
      listing.products.find((p) => !p.is_deleted && p.product_id === t.product_id) ??
      listing.products.find((p) => !p.is_deleted && JSON.stringify(p.property_values.map((pv) => pv.values)) === values && (p.sku === t.sku || t.sku === ""));
    if (!product) continue;
    product.offering.quantity += t.quantity;
    listing.last_modified = now;
    settleState(listing, now);
  }
  receipt.canceled = true;
  receipt.updated = now;
  sb.changed();
  return { ok: true };
}

/** The seller changes stock in Etsy's own listing editor. */
export function editQuantity(sb: Sandbox, listingId: number, input: { quantity: number; sku?: string }): EtsyListing | ControlError {
  const listing = sb.state.etsy.listings[String(listingId)];
  if (!listing) return { status: 404, message: `Listing ${listingId} not found.` };
  const product = pickProduct(listing, input.sku);
  if ("status" in product) return product;
  const now = nowSec(sb.state);
  product.offering.quantity = input.quantity;
  listing.last_modified = now;
  settleState(listing, now);
  sb.changed();
  return listing;
}
