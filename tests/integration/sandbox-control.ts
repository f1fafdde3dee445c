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
  etsyShop = (body: { shop_name: string; listings: number | EtsyListingSeed[] }) =>
    this.call<{ shop_id: number; user_id: number; listing_ids: number[] }>("POST", "/_control/etsy/shops", body);
  etsySale = (shopId: number, body: { listing_id: number; sku?: string; quantity: number }) =>
    this.call<{ receipt_id: number }>("POST", `/_control/etsy/shops/${shopId}/sales`, body);
  etsyCancel = (receiptId: number) => this.call("POST", `/_control/etsy/receipts/${receiptId}/cancel`);
  etsyEdit = (listingId: number, body: { quantity: number; sku?: string }) => this.call("PATCH", `/_control/etsy/listings/${listingId}`, body);
  etsyListing = (listingId: number) => this.call<EtsyListingView>("GET", `/_control/etsy/listings/${listingId}`);
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
  fault = (body: { marketplace: "etsy" | "ebay"; kind: string; count?: number; probability?: number; path?: string }) => this.call("POST", "/_control/faults", body);
  clearFaults = () => this.call("DELETE", "/_control/faults");
  stats = () => this.call<Stats>("GET", "/_control/stats");
}

export type EtsyListingSeed = {
  title: string;
  sku?: string;
  quantity: number;
  price: number;
  variations?: { property: string; values: { value: string; sku?: string; quantity: number }[] }[];
};

export type TradingListingSeed = { title: string; sku?: string; quantity?: number; price: number; variations?: { sku?: string; specifics: Record<string, string>; quantity: number }[] };
export type TradingListingView = {
  item_id: string;
  state: "ACTIVE" | "OUT_OF_STOCK" | "ENDED";
  quantity: number;
  quantity_sold: number;
  variations: { sku: string | null; specifics: Record<string, string>; quantity: number; quantity_sold: number }[];
};

type Offering = { quantity?: number; is_enabled?: boolean };
export type EtsyListingView = { listing_id: number; state?: string; quantity?: number; inventory?: { products?: { sku?: string; offerings?: Offering[] }[] } };
export type EbayItemView = Record<string, unknown>;
export type Stats = Record<"etsy" | "ebay", { calls: number; by_operation: Record<string, number>; rate_limited: number }>;

/** What a buyer can buy of one SKU on an Etsy listing (0 when the offering or the listing is switched off). */
export function etsyAvailable(listing: EtsyListingView, sku: string): number {
  const product = listing.inventory?.products?.find((p) => p.sku === sku);
  const offering = product?.offerings?.[0];
  if (!offering || listing.state !== "active" || offering.is_enabled === false) return 0;
  return offering.quantity ?? 0;
}
