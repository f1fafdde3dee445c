import type { Sandbox } from "../context";
import type { SeedListing, SeedVariation } from "../seed-data";
import { nextId, nowSec, type EtsyListing, type EtsyProduct, type EtsyPropertyValue, type EtsyShop } from "../state";
import { listingQuantity } from "./present";
import { sendEtsyOrderEvent } from "../webhooks";
import { hasReadinessChoice, isShopReadinessState, newShopReadinessStates, resolveReadiness } from "./readiness";

// What a seller and their buyers do on Etsy itself: open a shop, list, sell, cancel,
// edit stock. The control API and the home page call these.

export type ControlError = { status: 400 | 404 | 409; message: string };

// Etsy's built-in properties for the common variations; others are custom (513, 514).
const knownProperties: Record<string, number> = { size: 100, color: 200, colour: 200, "primary color": 200 };

export function createShop(sb: Sandbox, shopName: string): EtsyShop {
  const now = nowSec(sb.state);
  const readiness = newShopReadinessStates(sb.state);
  const shop: EtsyShop = {
    shop_id: nextId(sb.state, "etsyShop"),
    user_id: nextId(sb.state, "etsyUser"),
    shop_name: shopName,
    login_name: shopName.toLowerCase().replace(/[^a-z0-9]/g, ""),
    email: `${shopName.toLowerCase().replace(/[^a-z0-9]/g, "")}@example.com`,
    created: now,
    updated: now,
    currency_code: "USD",
    readiness_states: readiness,
    default_readiness_state_id: readiness[0].readiness_state_id,
  };
  sb.state.etsy.shops[String(shop.shop_id)] = shop;
  sb.changed();
  return shop;
}

type ResolvedValue = SeedVariation["values"][number] & { valueId: number; readiness: number };

export function createListing(sb: Sandbox, shop: EtsyShop, input: SeedListing): EtsyListing | ControlError {
  const state = sb.state;
  const now = nowSec(state);
  const priceCents = Math.round(input.price * 100);
  const listingReadiness = resolveReadiness(shop, input, shop.default_readiness_state_id);
  if ("error" in listingReadiness) return { status: 400, message: listingReadiness.error };
  const offering = (quantity: number, readiness: number) => ({
    offering_id: nextId(state, "etsyOffering"),
    price_cents: priceCents,
    quantity,
    is_enabled: true,
    is_deleted: false,
    readiness_state_id: readiness,
  });
  const variations = (input.variations ?? []).slice(0, 2);
  let customId = 513;
  const props: { id: number; name: string; values: ResolvedValue[]; choosesReadiness: boolean }[] = [];
  for (const v of variations) {
    const values: ResolvedValue[] = [];
    for (const x of v.values) {
      const r = resolveReadiness(shop, x, listingReadiness.id);
      if ("error" in r) return { status: 400, message: r.error };
      values.push({ ...x, valueId: 0, readiness: r.id });
    }
    props.push({ id: knownProperties[v.property.toLowerCase()] ?? customId++, name: v.property, values, choosesReadiness: v.values.some(hasReadinessChoice) });
  }
  for (const p of props) for (const v of p.values) v.valueId = nextId(state, "etsyValue");
  let products: EtsyProduct[];
  if (props.length === 0) {
    products = [{ product_id: nextId(state, "etsyProduct"), sku: input.sku ?? "", is_deleted: false, property_values: [], offering: offering(input.quantity, listingReadiness.id) }];
  } else {
    // One product per combination of values (the cartesian product of the variations); its
    // profile comes from the first property whose values choose one.
    const combos = props.reduce<{ value: ResolvedValue; prop: (typeof props)[number] }[][]>(
      (acc, p) => acc.flatMap((c) => p.values.map((value) => [...c, { value, prop: p }])),
      [[]],
    );
    products = combos.map((combo) => ({
      product_id: nextId(state, "etsyProduct"),
      sku: combo.every((c) => c.value.sku) ? combo.map((c) => c.value.sku).join("-") : (input.sku ?? ""),
      is_deleted: false,
      property_values: combo.map(
        ({ value, prop }): EtsyPropertyValue => ({ property_id: prop.id, property_name: prop.name, scale_id: null, scale_name: null, value_ids: [value.valueId], values: [value.value] }),
      ),
      offering: offering(Math.min(...combo.map((c) => c.value.quantity)), combo.find((c) => c.prop.choosesReadiness)?.value.readiness ?? listingReadiness.id),
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
    readiness_state_on_property: props.filter((p) => p.choosesReadiness).map((p) => p.id),
    renewals: 0,
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
export function settleState(listing: EtsyListing, now: number): void {
  const quantity = listingQuantity(listing);
  if (quantity === 0 && listing.state === "active") {
    listing.state = "sold_out";
    listing.state_timestamp = now;
  } else if (quantity > 0 && listing.state === "sold_out") {
    listing.state = "active";
    listing.state_timestamp = now;
  }
}

export function recordSale(sb: Sandbox, shop: EtsyShop, input: { listing_id: number; sku?: string; quantity: number; paid?: boolean }): { receipt_id: number } | ControlError {
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
    is_paid: input.paid ?? true,
    is_shipped: false,
    is_delivered: false,
    canceled: false,
    refunds: [],
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
  const receipt = state.etsy.receipts[String(receiptId)];
  if (receipt.is_paid) sendEtsyOrderEvent(sb, receipt, "order.paid");
  return { receipt_id: receiptId };
}

/**
 * The seller edits the listing in Etsy's own editor: a quantity and/or a processing profile,
 * for the product with `sku` or (without one) the only product, or every product for a profile.
 */
export function editListing(sb: Sandbox, listingId: number, input: { quantity?: number; sku?: string; readiness_state_id?: number }): EtsyListing | ControlError {
  const listing = sb.state.etsy.listings[String(listingId)];
  if (!listing) return { status: 404, message: `Listing ${listingId} not found.` };
  const shop = sb.state.etsy.shops[String(listing.shop_id)];
  const live = listing.products.filter((p) => !p.is_deleted);
  const readiness = input.readiness_state_id;
  if (readiness !== undefined && !isShopReadinessState(shop, readiness)) return { status: 400, message: `readiness_state_id ${readiness} is not a processing profile of shop ${shop.shop_id}.` };
  const picked = input.quantity !== undefined || input.sku !== undefined ? pickProduct(listing, input.sku) : null;
  if (picked && "status" in picked) return picked;
  const now = nowSec(sb.state);
  if (picked && input.quantity !== undefined) picked.offering.quantity = input.quantity;
  if (readiness !== undefined) {
    for (const p of picked ? [picked] : live) p.offering.readiness_state_id = readiness;
    // Profiles that now differ between products vary by the listing's properties.
    const differ = new Set(live.map((p) => p.offering.readiness_state_id)).size > 1;
    if (!differ) listing.readiness_state_on_property = [];
    else if (listing.readiness_state_on_property.length === 0) listing.readiness_state_on_property = [...new Set(live.flatMap((p) => p.property_values.map((pv) => pv.property_id ?? 0)))];
  }
  listing.last_modified = now;
  settleState(listing, now);
  sb.changed();
  return listing;
}
