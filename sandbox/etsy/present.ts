import type { components } from "@/lib/marketplaces/generated/etsy-openapi-v3";
import type { EtsyListing, EtsyProduct, EtsyReceipt, EtsyShop, EtsyTransaction } from "../state";
import { listingReadinessStateId } from "./readiness";

// Spec-shaped Etsy payloads. `Required<>` makes the compiler insist on every field the
// spec lists, as the real API returns them all.

type S = components["schemas"];

export type ListingOut = Required<S["ShopListing"]> & { inventory?: S["ListingInventory"] };

export const money = (cents: number, currency: string): Required<S["Money"]> => ({ amount: cents, divisor: 100, currency_code: currency });

export function liveProducts(listing: EtsyListing): EtsyProduct[] {
  return listing.products.filter((p) => !p.is_deleted);
}

/** Etsy's listing quantity is the sum of the enabled offerings' quantities. */
export function listingQuantity(listing: EtsyListing): number {
  return liveProducts(listing).reduce((sum, p) => sum + (p.offering.is_enabled && !p.offering.is_deleted ? p.offering.quantity : 0), 0);
}

/**
 * Which kind of read a payload answers. Etsy returns processing profile ids only from
 * shop-scoped reads (the path has shop_id) and single-listing reads; batch reads give null.
 */
export type ReadScope = "shop" | "single" | "batch";

export type InventoryView = { scope: ReadScope; showDeleted?: boolean; stripSku?: boolean };

export function presentInventory(listing: EtsyListing, currency: string, view: InventoryView): Required<S["ListingInventory"]> {
  const showDeleted = view.showDeleted ?? false;
  return {
    products: (showDeleted ? listing.products : liveProducts(listing)).map((p) => ({
      product_id: p.product_id,
      sku: view.stripSku ? "" : p.sku,
      is_deleted: p.is_deleted,
      offerings: [
        {
          offering_id: p.offering.offering_id,
          quantity: p.offering.quantity,
          is_enabled: p.offering.is_enabled,
          is_deleted: p.offering.is_deleted,
          price: money(p.offering.price_cents, currency),
          readiness_state_id: view.scope === "batch" ? null : p.offering.readiness_state_id,
        },
      ],
      property_values: p.property_values,
    })),
    price_on_property: listing.price_on_property,
    quantity_on_property: listing.quantity_on_property,
    sku_on_property: listing.sku_on_property,
    readiness_state_on_property: listing.readiness_state_on_property,
  };
}

/** The listing-level profile id: only for active (physical) listings, and not on batch reads. */
export function presentListing(listing: EtsyListing, currency: string, view: { scope: ReadScope; inventory?: InventoryView }): ListingOut {
  const products = liveProducts(listing);
  const prices = products.map((p) => p.offering.price_cents);
  const out: ListingOut = {
    listing_id: listing.listing_id,
    user_id: listing.user_id,
    shop_id: listing.shop_id,
    title: listing.title,
    description: listing.description,
    state: listing.state,
    creation_timestamp: listing.created,
    created_timestamp: listing.created,
    ending_timestamp: listing.created + 120 * 86_400,
    original_creation_timestamp: listing.created,
    last_modified_timestamp: listing.last_modified,
    updated_timestamp: listing.last_modified,
    state_timestamp: listing.state_timestamp,
    quantity: listingQuantity(listing),
    shop_section_id: null,
    featured_rank: -1,
    url: `https://www.etsy.com/listing/${listing.listing_id}`,
    num_favorers: 0,
    non_taxable: false,
    is_taxable: true,
    is_customizable: false,
    is_personalizable: false,
    listing_type: "physical",
    tags: listing.tags,
    materials: [],
    shipping_profile_id: null,
    return_policy_id: null,
    processing_min: 1,
    processing_max: 3,
    who_made: "i_did",
    when_made: "made_to_order",
    is_supply: false,
    item_weight: null,
    item_weight_unit: null,
    item_length: null,
    item_width: null,
    item_height: null,
    item_dimensions_unit: null,
    is_private: false,
    style: [],
    file_data: "",
    has_variations: products.some((p) => p.property_values.length > 0),
    should_auto_renew: true,
    language: "en-US",
    price: money(prices.length ? Math.min(...prices) : 0, currency),
    taxonomy_id: 1,
    readiness_state_id: view.scope !== "batch" && listing.state === "active" ? listingReadinessStateId(listing) : null,
    suggested_title: null,
    converted_price: null,
    ecgt_garan_brand: null,
    ecgt_garan_years: null,
    ecgt_garan_model: null,
    ecgt_garan_guarantee_details: null,
    ecgt_other_commercial_guarantee_details: null,
    ecgt_after_sales_service_info: null,
    ecgt_software_update_details: null,
    ecgt_commercial_guarantee_enabled: false,
  };
  if (view.inventory) out.inventory = presentInventory(listing, currency, view.inventory);
  return out;
}

export function presentShop(shop: EtsyShop, activeListings: number, soldCount: number): Required<S["Shop"]> {
  return {
    shop_id: shop.shop_id,
    user_id: shop.user_id,
    shop_name: shop.shop_name,
    create_date: shop.created,
    created_timestamp: shop.created,
    title: `${shop.shop_name} — handmade goods`,
    announcement: null,
    currency_code: shop.currency_code,
    is_vacation: false,
    vacation_message: null,
    sale_message: null,
    digital_sale_message: null,
    update_date: shop.updated,
    updated_timestamp: shop.updated,
    listing_active_count: activeListings,
    digital_listing_count: 0,
    login_name: shop.login_name,
    accepts_custom_requests: false,
    policy_welcome: null,
    policy_payment: null,
    policy_shipping: null,
    policy_refunds: null,
    policy_additional: null,
    policy_seller_info: null,
    policy_update_date: shop.created,
    policy_has_private_receipt_info: false,
    has_unstructured_policies: false,
    policy_privacy: null,
    vacation_autoreply: null,
    url: `https://www.etsy.com/shop/${encodeURIComponent(shop.shop_name)}`,
    image_url_760x100: null,
    num_favorers: 0,
    languages: ["en-US"],
    icon_url_fullxfull: null,
    is_using_structured_policies: true,
    has_onboarded_structured_policies: true,
    include_dispute_form_link: false,
    is_direct_checkout_onboarded: true,
    is_etsy_payments_onboarded: true,
    is_calculated_eligible: true,
    is_opted_in_to_buyer_promise: true,
    is_shop_us_based: true,
    transaction_sold_count: soldCount,
    shipping_from_country_iso: "US",
    shop_location_country_iso: "US",
    review_count: 0,
    review_average: null,
  };
}

export function presentTransaction(receipt: EtsyReceipt, shop: EtsyShop, t: EtsyTransaction): Required<S["ShopReceiptTransaction"]> {
  return {
    transaction_id: t.transaction_id,
    title: t.title,
    description: null,
    seller_user_id: shop.user_id,
    buyer_user_id: receipt.buyer_user_id,
    create_timestamp: receipt.created,
    created_timestamp: receipt.created,
    paid_timestamp: receipt.is_paid ? receipt.created : null,
    shipped_timestamp: null,
    quantity: t.quantity,
    listing_image_id: null,
    receipt_id: receipt.receipt_id,
    is_digital: false,
    file_data: "",
    listing_id: t.listing_id,
    transaction_type: "listing",
    product_id: t.product_id,
    sku: t.sku === "" ? null : t.sku,
    price: money(t.price_cents, receipt.currency_code),
    shipping_cost: money(0, receipt.currency_code),
    variations: t.variations,
    product_data: t.product_data,
    shipping_profile_id: null,
    min_processing_days: 1,
    max_processing_days: 3,
    shipping_method: null,
    shipping_upgrade: null,
    expected_ship_date: receipt.created + 3 * 86_400,
    buyer_coupon: 0,
    shop_coupon: 0,
  };
}

export const receiptSubtotal = (r: EtsyReceipt): number => r.transactions.reduce((s, t) => s + t.price_cents * t.quantity, 0);

export function presentReceipt(receipt: EtsyReceipt, shop: EtsyShop): Required<S["ShopReceipt"]> {
  const subtotal = receiptSubtotal(receipt);
  const refunded = receipt.refunds.reduce((s, r) => s + r.amount_cents, 0);
  const c = receipt.currency_code;
  return {
    receipt_id: receipt.receipt_id,
    receipt_type: 0,
    seller_user_id: shop.user_id,
    seller_email: shop.email,
    buyer_user_id: receipt.buyer_user_id,
    buyer_email: receipt.buyer_email,
    name: receipt.name,
    first_line: "1 Sandbox Street",
    second_line: null,
    city: "Brooklyn",
    state: "NY",
    zip: "11201",
    status: receipt.canceled
      ? "canceled"
      : refunded > 0
        ? refunded >= subtotal
          ? "fully refunded"
          : "partially refunded"
        : receipt.is_shipped
          ? "completed"
          : receipt.is_paid
            ? "paid"
            : "payment processing",
    formatted_address: `${receipt.name}\n1 Sandbox Street\nBrooklyn, NY 11201\nUnited States`,
    country_iso: "US",
    payment_method: "cc",
    payment_email: "",
    message_from_seller: null,
    message_from_buyer: null,
    message_from_payment: null,
    is_paid: receipt.is_paid,
    is_shipped: receipt.is_shipped,
    create_timestamp: receipt.created,
    created_timestamp: receipt.created,
    update_timestamp: receipt.updated,
    updated_timestamp: receipt.updated,
    is_gift: false,
    gift_message: "",
    grandtotal: money(subtotal, c),
    subtotal: money(subtotal, c),
    total_price: money(subtotal, c),
    total_shipping_cost: money(0, c),
    total_tax_cost: money(0, c),
    total_vat_cost: money(0, c),
    discount_amt: money(0, c),
    gift_wrap_price: money(0, c),
    shipments: [],
    transactions: receipt.transactions.map((t) => presentTransaction(receipt, shop, t)),
    refunds: receipt.refunds.map((r) => ({ amount: money(r.amount_cents, c), created_timestamp: r.created, reason: r.reason, note_from_issuer: null, status: "REFUNDED" })),
    gift_sender: "",
  };
}
