import type { components as EtsyComponents } from "@/lib/marketplaces/generated/etsy-openapi-v3";
import { emptyShopifyState, type ShopifyState } from "./shopify/store";

// Everything the sandbox knows, as plain JSON-serializable data (SANDBOX_DATA persists it).
// Payload shapes are built from this by the presenters in etsy/ and ebay/.

export type EtsyPropertyValue = EtsyComponents["schemas"]["ListingPropertyValue"];
export type EtsyListingState = NonNullable<EtsyComponents["schemas"]["ShopListing"]["state"]>;

/** readiness_state_id: the offering's processing profile, one of its shop's readiness states. */
export type EtsyOffering = { offering_id: number; price_cents: number; quantity: number; is_enabled: boolean; is_deleted: boolean; readiness_state_id: number };
export type EtsyProduct = { product_id: number; sku: string; is_deleted: boolean; property_values: EtsyPropertyValue[]; offering: EtsyOffering };

export type EtsyListing = {
  listing_id: number;
  shop_id: number;
  user_id: number;
  title: string;
  description: string;
  state: EtsyListingState;
  created: number;
  last_modified: number;
  state_timestamp: number;
  tags: string[];
  products: EtsyProduct[];
  price_on_property: number[];
  quantity_on_property: number[];
  sku_on_property: number[];
  readiness_state_on_property: number[];
  /** Times a sold_out listing was set back to active (each one a paid renewal on Etsy). */
  renewals: number;
};

export type EtsyReadinessStateName = NonNullable<EtsyComponents["schemas"]["ShopProcessingProfile"]["readiness_state"]>;

/** A shop's processing profile (getShopReadinessStateDefinitions). */
export type EtsyReadinessState = { readiness_state_id: number; readiness_state: EtsyReadinessStateName; min_processing_days: number; max_processing_days: number };

export type EtsyShop = {
  shop_id: number;
  user_id: number;
  shop_name: string;
  login_name: string;
  email: string;
  created: number;
  updated: number;
  currency_code: string;
  readiness_states: EtsyReadinessState[];
  /** The profile new listings get. */
  default_readiness_state_id: number;
};

export type EtsyTransaction = {
  transaction_id: number;
  listing_id: number;
  product_id: number;
  sku: string;
  title: string;
  quantity: number;
  price_cents: number;
  variations: { property_id: number; value_id: number | null; formatted_name: string; formatted_value: string }[];
  product_data: EtsyPropertyValue[];
};

export type EtsyReceipt = {
  receipt_id: number;
  shop_id: number;
  buyer_user_id: number;
  buyer_email: string;
  name: string;
  created: number;
  updated: number;
  is_paid: boolean;
  is_shipped: boolean;
  is_delivered: boolean;
  canceled: boolean;
  refunds: { amount_cents: number; created: number; reason: string | null }[];
  currency_code: string;
  transactions: EtsyTransaction[];
};

export type EbayOffer = {
  offerId: string;
  listingId: string;
  availableQuantity: number;
  soldQuantity: number;
  price: string;
  currency: string;
  status: "PUBLISHED" | "UNPUBLISHED";
  /** The listing ended (sold out without out-of-stock control): a restock cannot bring it back. */
  ended?: boolean;
};

export type EbayItem = {
  sku: string;
  title: string;
  description: string;
  condition: string;
  quantity: number;
  aspects: Record<string, string[]>;
  imageUrls: string[];
  offers: EbayOffer[];
  /** Order of creation; getInventoryItems pages by it. */
  seq: number;
};

export type EbaySeller = {
  username: string;
  /** eBay's immutable user id; some apps receive it instead of the username since 26 September 2025. */
  userId: string;
  items: Record<string, EbayItem>;
  /** eBay sends this app the immutable user id only, not the username (as for some apps since 26 September 2025). */
  usernameWithheld?: boolean;
  /** Trading GetUserPreferences' OutOfStockControlPreference; missing (older saved state) means on. */
  outOfStockControl?: boolean;
};

/** One variation of a Seller Hub (Trading) listing; quantity counts sold units too, as Trading's Quantity does. */
export type TradingVariation = { sku: string | null; specifics: Record<string, string>; quantity: number; quantitySold: number; price: string };

/**
 * A listing made in Seller Hub or the eBay app: invisible to the Inventory API, read and
 * revised through the Trading API only. Available = quantity - quantitySold.
 */
export type TradingListing = {
  itemId: string;
  username: string;
  title: string;
  sku: string | null;
  price: string;
  currency: string;
  quantity: number;
  quantitySold: number;
  variations: TradingVariation[];
  status: "Active" | "Completed";
  startTime: number;
  endTime: number | null;
  seq: number;
};

export type EbayLineItem = {
  lineItemId: string;
  legacyItemId: string;
  offerId: string;
  sku: string;
  title: string;
  quantity: number;
  price: string;
  currency: string;
  /** A sale of a Seller Hub listing: which variation (by its specifics) it sold. */
  variationAspects?: Record<string, string>;
};

export type EbayOrder = {
  orderId: string;
  legacyOrderId: string;
  username: string;
  buyerUsername: string;
  created: number;
  lastModified: number;
  fulfillmentStatus: "NOT_STARTED" | "IN_PROGRESS" | "FULFILLED";
  cancelledAt: number | null;
  lineItems: EbayLineItem[];
};

/** Notification API (commerce/notification/v1): where the app receives notifications, and what each user subscribed to. */
export type EbayDestination = { destinationId: string; name: string; endpoint: string; verificationToken: string; status: "ENABLED" | "DISABLED" };
export type EbaySubscription = { subscriptionId: string; topicId: string; username: string; destinationId: string; status: "ENABLED" | "DISABLED" };

export type Marketplace = "etsy" | "ebay" | "shopify";

export type AuthCode = {
  code: string;
  marketplace: Marketplace;
  /** Etsy user_id, eBay username, or the shop's myshopify domain. */
  subject: string;
  scopes: string[];
  redirectUri: string;
  codeChallenge: string | null;
  expiresAt: number;
  used: boolean;
};

export type TokenRecord = {
  marketplace: Marketplace;
  kind: "access" | "refresh";
  /** Etsy user_id, eBay username, or "" for an eBay application token. */
  subject: string;
  scopes: string[];
  expiresAt: number;
  revoked: boolean;
};

export type SandboxState = {
  clockOffsetMs: number;
  counters: Record<string, number>;
  etsy: { shops: Record<string, EtsyShop>; listings: Record<string, EtsyListing>; receipts: Record<string, EtsyReceipt> };
  ebay: {
    sellers: Record<string, EbaySeller>;
    orders: Record<string, EbayOrder>;
    tradingListings: Record<string, TradingListing>;
    /** Absent in state saved before notifications existed. */
    destinations?: Record<string, EbayDestination>;
    subscriptions?: Record<string, EbaySubscription>;
    /** Trading API platform notifications (SetNotificationPreferences): the app's URL, and each seller's enabled events. */
    platformNotifications?: { applicationUrl: string | null; enabled: boolean; events: Record<string, string[]> };
  };
  /** Absent in state saved before the Shopify emulator existed. */
  shopify?: ShopifyState;
  oauth: { codes: Record<string, AuthCode>; tokens: Record<string, TokenRecord> };
};

export function emptyState(): SandboxState {
  return {
    clockOffsetMs: 0,
    counters: {},
    etsy: { shops: {}, listings: {}, receipts: {} },
    ebay: { sellers: {}, orders: {}, tradingListings: {}, destinations: {}, subscriptions: {} },
    shopify: emptyShopifyState(),
    oauth: { codes: {}, tokens: {} },
  };
}

// Ids look like the real ones (lengths and ranges), and are sequential so runs repeat.
const idBases = {
  etsyShop: 40_000_000,
  etsyUser: 700_000_000,
  etsyListing: 1_500_000_000,
  etsyProduct: 16_000_000_000,
  etsyOffering: 17_000_000_000,
  etsyValue: 60_000_000_000,
  etsyReceipt: 3_100_000_000,
  etsyTransaction: 4_100_000_000,
  etsyBuyer: 900_000_000,
  etsyReadinessState: 1_200_000,
  ebayUser: 1_000_000,
  ebayOffer: 6_000_000_000,
  ebayListing: 110_000_000_000,
  ebayOrder: 10_000,
  ebayLineItem: 10_050_000_000_000,
  ebaySeq: 0,
  // Shopify's numeric ids (inside gid://shopify/Type/n) are 11 to 14 digits.
  shopifyShop: 60_000_000_000,
  shopifyLocation: 70_000_000_000,
  shopifyProduct: 8_000_000_000_000,
  shopifyVariant: 44_000_000_000_000,
  shopifyInventoryItem: 46_000_000_000_000,
  shopifyOrder: 5_900_000_000_000,
  shopifyLineItem: 14_000_000_000_000,
  shopifyRefund: 900_000_000_000,
  shopifyAdjustment: 30_000_000_000_000,
} as const;

export type IdKind = keyof typeof idBases;

export function nextId(state: SandboxState, kind: IdKind): number {
  const n = (state.counters[kind] ?? 0) + 1;
  state.counters[kind] = n;
  return idBases[kind] + n;
}

export function nowMs(state: SandboxState): number {
  return Date.now() + state.clockOffsetMs;
}

export function nowSec(state: SandboxState): number {
  return Math.floor(nowMs(state) / 1000);
}
