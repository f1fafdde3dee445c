import type { Delivery } from "@/sandbox/webhooks";
// The sandbox's control API (issue 4): what a test does as the buyer or the seller on the channel.

export class Control {
  constructor(readonly baseUrl: string) {}

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status >= 400) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  }

  reset = () => this.call("POST", "/_control/reset");
  shopifyShop = (body: { domain: string; name?: string; locations?: { name: string }[]; products?: ShopifyProductSeed[] }) => this.call<ShopifyShopView>("POST", "/_control/shopify/shops", body);
  /** A buyer checks out on the Shopify store (stock taken at the primary location unless `location` names another). */
  shopifyOrder = (domain: string, body: { lines: { sku: string; quantity: number; price?: number }[]; location?: string }) => this.call<{ id: string; legacy_id: number }>("POST", `/_control/shopify/shops/${domain}/orders`, body);
  shopifyCancel = (orderId: string, body: { restock?: boolean } = {}) => this.call("POST", `/_control/shopify/orders/${encodeURIComponent(orderId)}/cancel`, body);
  /** What a variant has available at a location of the store (the primary one by default). */
  shopifyAvailable = async (domain: string, sku: string, location?: string) =>
    (await this.call<{ available: number | null }>("GET", `/_control/shopify/inventory/${encodeURIComponent(sku)}?shop=${domain}${location ? `&location=${encodeURIComponent(location)}` : ""}`)).available;
  /** The merchant sets "available" in Shopify admin. */
  shopifyEdit = (domain: string, sku: string, available: number, location?: string) => this.call("PATCH", `/_control/shopify/inventory/${encodeURIComponent(sku)}?shop=${domain}`, { available, ...(location ? { location } : {}) });
  shopifyUninstall = (domain: string) => this.call("POST", `/_control/shopify/shops/${domain}/uninstall`);
  shopifyPrivacy = (domain: string, body: { topic: "customers/data_request" | "customers/redact" | "shop/redact"; customer?: { id: number }; orders?: number[] }) =>
    this.call("POST", `/_control/shopify/shops/${domain}/privacy`, body);
  etsyShop = (body: { shop_name: string; listings: number | EtsyListingSeed[] }) => this.call<EtsyShopCreated>("POST", "/_control/etsy/shops", body);
  /** Lists one more item in an existing shop (profile ids of that shop allowed). */
  etsyAddListing = (shopId: number, body: EtsyListingSeed) => this.call<EtsyListingView>("POST", `/_control/etsy/shops/${shopId}/listings`, body);
  etsySale = (shopId: number, body: { listing_id: number; sku?: string; quantity: number; paid?: boolean }) =>
    this.call<{ receipt_id: number }>("POST", `/_control/etsy/shops/${shopId}/sales`, body);
  etsyCancel = (receiptId: number) => this.call("POST", `/_control/etsy/receipts/${receiptId}/cancel`);
  etsyRefund = (receiptId: number, body: { amount?: number; reason?: string } = {}) => this.call<{ receipt_id: number; status: string }>("POST", `/_control/etsy/receipts/${receiptId}/refund`, body);
  etsyShip = (receiptId: number) => this.call("POST", `/_control/etsy/receipts/${receiptId}/ship`);
  etsyDeliver = (receiptId: number) => this.call("POST", `/_control/etsy/receipts/${receiptId}/deliver`);
  /** The seller's own edit on Etsy: a quantity (absolute, or `delta` added atomically) and/or a processing profile (for `sku`, or the whole listing). */
  etsyEdit = (listingId: number, body: { quantity?: number; delta?: number; sku?: string; readiness_state_id?: number }) => this.call<EtsyListingView>("PATCH", `/_control/etsy/listings/${listingId}`, body);
  etsyListing = (listingId: number) => this.call<EtsyListingView>("GET", `/_control/etsy/listings/${listingId}`);
  etsyLimits = (body?: { per_second?: number; per_day?: number }) => this.call<EtsyLimits>(body ? "PUT" : "GET", "/_control/etsy/limits", body);
  ebaySeller = (body: {
    username: string;
    items: number | { sku: string; title: string; quantity: number; price: number }[];
    trading_listings?: TradingListingSeed[];
    out_of_stock_control?: boolean;
  }) => this.call<{ username: string; user_id: string; skus: string[]; item_ids: string[] }>("POST", "/_control/ebay/sellers", body);
  ebayOrder = (username: string, body: { sku?: string; item_id?: string; quantity: number }) => this.call<{ order_id: string }>("POST", `/_control/ebay/sellers/${username}/orders`, body);
  tradingListing = (itemId: string) => this.call<TradingListingView>("GET", `/_control/ebay/trading-listings/${itemId}`);
  tradingEdit = (itemId: string, body: { quantity?: number; variations?: { sku?: string; quantity: number }[] }) => this.call<TradingListingView>("PATCH", `/_control/ebay/trading-listings/${itemId}`, body);
  ebayPreferences = (username: string, outOfStockControl: boolean) => this.call("PUT", `/_control/ebay/sellers/${username}/preferences`, { out_of_stock_control: outOfStockControl });
  ebayCancel = (orderId: string) => this.call("POST", `/_control/ebay/orders/${orderId}/cancel`);
  ebayEdit = (username: string, sku: string, quantity: number) => this.call("PATCH", `/_control/ebay/items/${encodeURIComponent(sku)}?seller=${username}`, { quantity });
  ebayItem = (username: string, sku: string) => this.call<EbayItemView>("GET", `/_control/ebay/items/${encodeURIComponent(sku)}?seller=${username}`);
  fault = (body: { marketplace: "etsy" | "ebay"; kind: string; count?: number; probability?: number; path?: string; delay_ms?: number; seed?: number }) => this.call("POST", "/_control/faults", body);
  clearFaults = () => this.call("DELETE", "/_control/faults");
  stats = () => this.call<Stats>("GET", "/_control/stats");
  deliveries = (marketplace?: "etsy" | "ebay" | "shopify") => this.call<{ deliveries: WebhookDeliveryView[] }>("GET", `/_control/webhooks/deliveries${marketplace ? `?marketplace=${marketplace}` : ""}`).then((r) => r.deliveries);
}

/** A processing profile: an id of the shop's profiles, or the kind of profile. */
type Readiness = { readiness_state_id?: number; readiness_state?: "ready_to_ship" | "made_to_order" };

export type EtsyListingSeed = {
  title: string;
  sku?: string;
  quantity: number;
  price: number;
  variations?: { property: string; values: ({ value: string; sku?: string; quantity: number } & Readiness)[] }[];
} & Readiness;

export type TradingListingSeed = { title: string; sku?: string; quantity?: number; price: number; variations?: { sku?: string; specifics: Record<string, string>; quantity: number }[] };
export type TradingListingView = {
  item_id: string;
  state: "ACTIVE" | "OUT_OF_STOCK" | "ENDED";
  quantity: number;
  quantity_sold: number;
  variations: { sku: string | null; specifics: Record<string, string>; quantity: number; quantity_sold: number }[];
};

export type EtsyReadinessState = { readiness_state_id: number; readiness_state: "ready_to_ship" | "made_to_order"; min_processing_days: number; max_processing_days: number };
export type EtsyShopCreated = { shop_id: number; user_id: number; listing_ids: number[]; readiness_states: EtsyReadinessState[]; default_readiness_state_id: number };
export type EtsyLimits = { per_second: number; per_day: number; remaining_this_second: number; remaining_today: number };

type Offering = { quantity?: number; is_enabled?: boolean; readiness_state_id?: number | null };
export type EtsyListingView = {
  listing_id: number;
  state?: string;
  quantity?: number;
  readiness_state_id?: number | null;
  renewals: number;
  inventory?: { products?: { sku?: string; offerings?: Offering[] }[]; readiness_state_on_property?: number[] };
};
export type EbayItemView = Record<string, unknown>;
/** What GET /_control/webhooks/deliveries lists: the sandbox's own record of each delivery. */
export type WebhookDeliveryView = Delivery;
type MarketplaceStats = { calls: number; by_operation: Record<string, number>; rate_limited: number };
export type Stats = { etsy: MarketplaceStats & { renewals: number; renewals_by_listing: Record<string, number> }; ebay: MarketplaceStats };

/** What a buyer can buy of one SKU on an Etsy listing (0 when the offering or the listing is switched off). */
export function etsyAvailable(listing: EtsyListingView, sku: string): number {
  const product = listing.inventory?.products?.find((p) => p.sku === sku);
  const offering = product?.offerings?.[0];
  if (!offering || listing.state !== "active" || offering.is_enabled === false) return 0;
  return offering.quantity ?? 0;
}

export type ShopifyProductSeed = { title: string; status?: "ACTIVE" | "DRAFT" | "ARCHIVED"; variants?: { title?: string; sku?: string; price?: number; quantity?: number; quantities?: Record<string, number> }[] };
export type ShopifyShopView = { domain: string; locations: { id: string; name: string; primary: boolean }[] };
