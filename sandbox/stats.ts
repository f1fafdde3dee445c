import type { EtsyListing, Marketplace } from "./state";

export type MarketplaceStats = { calls: number; by_operation: Record<string, number>; rate_limited: number };

/** Etsy also counts listing renewals (a paid fee each): the app must never renew without consent. */
export type EtsyStats = MarketplaceStats & { renewals: number; renewals_by_listing: Record<string, number> };

/** Shopify also counts the cost points spent and the queries refused as THROTTLED. */
export type ShopifyStats = MarketplaceStats & { cost_points: number; throttled: number };

/** `shopify` appears with the first Shopify call (GET /_control/stats shows the channels in use). */
export type Stats = { etsy: EtsyStats; ebay: MarketplaceStats; shopify?: ShopifyStats };

export function emptyStats(): Stats {
  return { etsy: { calls: 0, by_operation: {}, rate_limited: 0, renewals: 0, renewals_by_listing: {} }, ebay: { calls: 0, by_operation: {}, rate_limited: 0 } };
}

export function shopifyStats(stats: Stats): ShopifyStats {
  stats.shopify ??= { calls: 0, by_operation: {}, rate_limited: 0, cost_points: 0, throttled: 0 };
  return stats.shopify;
}

/** Counts one API call under its spec operationId (Shopify: its GraphQL operation name). */
export function countCall(stats: Stats, marketplace: Marketplace, operationId: string): void {
  const s = marketplace === "shopify" ? shopifyStats(stats) : stats[marketplace];
  s.calls += 1;
  s.by_operation[operationId] = (s.by_operation[operationId] ?? 0) + 1;
}

/** A sold_out listing set back to active: Etsy renews it and charges the listing fee. */
export function recordRenewal(stats: Stats, listing: EtsyListing): void {
  listing.renewals += 1;
  stats.etsy.renewals += 1;
  const id = String(listing.listing_id);
  stats.etsy.renewals_by_listing[id] = (stats.etsy.renewals_by_listing[id] ?? 0) + 1;
}
