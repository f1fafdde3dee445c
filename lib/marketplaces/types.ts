import type { Marketplace } from "@/db/schema";

// The normalized shapes every marketplace adapter produces and consumes. Raw payload
// types come from the generated OpenAPI clients in ./etsy and ./ebay, never from here.

export type Tokens = {
  accessToken: string;
  refreshToken: string | null;
  accessExpiresAt: Date;
  refreshExpiresAt: Date | null;
  scopes: string[];
};

export type ShopIdentity = { externalId: string; externalUserId: string | null; name: string; email?: string | null };

/** What an adapter needs to call the API for one connection; token refresh happens behind accessToken(). */
export type ApiSession = {
  connectionId: string;
  externalId: string;
  externalUserId: string | null;
  accessToken: () => Promise<string>;
  /** Called after a 401: refresh once (single-flight) and return the new token. */
  refreshAccessToken: () => Promise<string>;
  /** Counts every HTTP call made for this connection (sync_runs.api_calls). */
  onCall?: (operation: string) => void;
  /** The marketplace refused even a freshly refreshed token: the connection needs reconnecting. */
  onAuthRejected?: (message: string) => Promise<void>;
  /** eBay: the seller's preferences as last read, and the organization's choice for quantity 0 (lib/marketplaces/ebay/zero-stock.ts). */
  channelPolicy?: () => Promise<ChannelPolicy>;
  /** eBay: stores preferences read from the channel (GetUserPreferences, GetApiAccessRules). */
  onChannelPreferences?: (prefs: ChannelPreferences) => Promise<void>;
};

export type ChannelPolicy = {
  outOfStockControl: boolean | null;
  preferencesCheckedAt: Date | null;
  zeroStock: "ask" | "keep_one" | "end";
};

export type ChannelPreferences = {
  outOfStockControl?: boolean;
  /** Trading API calls used today per call name, as eBay reports them. */
  apiUsage?: { callName: string; dailyUsage: number; dailyLimit: number }[];
};

export type Page<T> = { items: T[]; nextCursor: string | null; total?: number };

export type ChannelItemData = {
  /** Etsy product_id or eBay SKU: stable id of one sellable unit. */
  externalId: string;
  externalOfferId: string | null;
  sku: string | null;
  title: string;
  variation: string | null;
  quantity: number;
  enabled: boolean;
};

export type ListingWithItems = {
  externalId: string;
  title: string;
  state: string;
  url: string | null;
  items: ChannelItemData[];
};

export type OrderLineData = {
  externalLineId: string;
  /** The channel item (Etsy product_id / eBay SKU) the line sold, when known. */
  externalItemId: string | null;
  listingExternalId: string | null;
  sku: string | null;
  title: string;
  quantity: number;
  unitPriceMinor: number;
  currency: string;
  cancelled: boolean;
};

export type OrderData = {
  externalId: string;
  orderNumber: string;
  status: string;
  paid: boolean;
  cancelled: boolean;
  placedAt: Date;
  updatedAt: Date;
  currency: string;
  totalMinor: number;
  buyerName: string | null;
  lines: OrderLineData[];
};

export type PushRequest = {
  externalId: string;
  externalOfferId: string | null;
  listingExternalId: string | null;
  sku: string;
  quantity: number;
};

/**
 * `shows`: what buyers see now when it differs from the quantity asked for (eBay listings
 * held at 1 by the organization's choice); the push must record this, not the target.
 * (Same name and meaning as on main after issue 11.)
 */
export type PushResult = { externalId: string; ok: boolean; error?: string; enabled?: boolean; shows?: number };

export interface MarketplaceAdapter {
  readonly marketplace: Marketplace;
  authorizeUrl(input: { state: string; redirectUri: string }): { url: string; codeVerifier: string | null };
  exchangeCode(input: { code: string; codeVerifier: string | null; redirectUri: string }): Promise<Tokens>;
  refresh(refreshToken: string, scopes: string[]): Promise<Tokens>;
  identity(accessToken: string): Promise<ShopIdentity>;
  fetchListings(session: ApiSession, cursor: string | null): Promise<Page<ListingWithItems>>;
  /** Orders modified since `since` (null: first sync window), paginated by cursor. */
  fetchOrders(session: ApiSession, since: Date | null, cursor: string | null): Promise<Page<OrderData>>;
  pushQuantities(session: ApiSession, items: PushRequest[]): Promise<PushResult[]>;
}
