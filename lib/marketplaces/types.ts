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
  /**
   * The listing is up on the channel (Etsy: active; eBay: published). Off the shelf (sold out,
   * deactivated, ended), what it reads tells nothing about stock: no edit is inferred from it.
   */
  listed?: boolean;
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
  /**
   * The channel took this line's stock from a location Stockroom does not manage (Shopify: a
   * store with several): a sale for the Sales page, not a change of the stock Stockroom keeps.
   */
  stockedElsewhere?: boolean;
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
  /** The seller allows renewing a sold-out listing to sell this (Etsy charges a listing fee for it). */
  mayRenew?: boolean;
};

/** Our clock just before a call was sent and just after its answer: the channel acted in between. */
export type CallWindow = { from: Date; to: Date };

export type PushResult = {
  externalId: string;
  ok: boolean;
  error?: string;
  enabled?: boolean;
  /** When ok: the call that set the quantity (or, if the channel already showed it, the read that saw it). */
  written?: CallWindow;
  /** When ok: what buyers see now, if it differs from the quantity asked for. */
  shows?: number;
};

/**
 * What a push learns about items besides the ones it was asked to set. Etsy's PUT
 * replaces a listing's whole inventory, so the push reads the listing first (each
 * product's quantity at that moment) and writes the other products back as read.
 */
export type PushObserver = {
  read?: (r: { externalId: string; quantity: number; read: CallWindow }) => void;
  rewrote?: (r: { externalId: string; quantity: number; written: CallWindow }) => void;
  /**
   * Awaited right before a call that writes these items: the write is recorded as intended
   * before it can happen. `rewrites`: other items the same call writes back as read (Etsy's
   * PUT replaces a listing's whole inventory), with the quantity it writes.
   */
  sending?: (externalIds: string[], rewrites?: { externalId: string; quantity: number }[]) => Promise<void>;
};

/**
 * A push that stopped part-way (an outage, a revoked token): the items written before it
 * stopped are kept, the ones whose call was under way may or may not have been written.
 */
export class PushInterrupted extends Error {
  constructor(
    readonly results: PushResult[],
    readonly inFlight: string[],
    readonly reason: unknown,
  ) {
    super(reason instanceof Error ? reason.message : String(reason));
    this.name = reason instanceof Error ? reason.name : "PushInterrupted";
  }
}

export { timedCall } from "./call-window";

export interface MarketplaceAdapter {
  readonly marketplace: Marketplace;
  /**
   * `account`: the store the seller named before consent, for marketplaces whose app is installed
   * per store (Shopify: its myshopify domain; see MarketplaceDescriptor.accountAddress). The same
   * value reaches verifyCallback's caller, exchangeCode and identity.
   */
  authorizeUrl(input: { state: string; redirectUri: string; account?: string }): { url: string; codeVerifier: string | null };
  /**
   * Marketplaces that sign the redirect back (Shopify: hmac, shop, timestamp): checked before the
   * code is used; `account` is the store the redirect names. Absent: the state alone is checked.
   */
  verifyCallback?(params: URLSearchParams, expectedState: string): { ok: true; account: string } | { ok: false; reason: string };
  exchangeCode(input: { code: string; codeVerifier: string | null; redirectUri: string; account?: string }): Promise<Tokens>;
  refresh(refreshToken: string, scopes: string[]): Promise<Tokens>;
  identity(accessToken: string, account?: string): Promise<ShopIdentity>;
  fetchListings(session: ApiSession, cursor: string | null): Promise<Page<ListingWithItems>>;
  /**
   * The named items alone (by externalOfferId), each in its listing with the same mapping as
   * fetchListings; unknown ids are left out. For marketplaces that notify a single item's stock
   * change (Shopify's inventory_levels/update), so judging it costs a call, not a listings read.
   */
  fetchItems?(session: ApiSession, externalOfferIds: string[]): Promise<ListingWithItems[]>;
  /** Orders modified since `since` (null: first sync window), paginated by cursor. */
  fetchOrders(session: ApiSession, since: Date | null, cursor: string | null): Promise<Page<OrderData>>;
  /** One order as it is now (a notification names it): the same mapping as fetchOrders. Throws NotFound when the channel has no such order. */
  fetchOrder(session: ApiSession, externalId: string): Promise<OrderData>;
  /**
   * Orders placed since `since` that are cancelled now, for marketplaces whose modified-time
   * filter misses cancellations (Etsy does not bump a receipt's modified time when it is
   * cancelled or refunded). Absent where fetchOrders sees them.
   */
  fetchCancelledOrders?(session: ApiSession, since: Date, cursor: string | null): Promise<Page<OrderData>>;
  /** One result per item; throws PushInterrupted (never a bare error) once any write may have happened. */
  pushQuantities(session: ApiSession, items: PushRequest[], observer?: PushObserver): Promise<PushResult[]>;
}
