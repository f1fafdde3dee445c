// The marketplaces Stockroom connects: the one list the schema's marketplace columns, the sync
// events and the channel registry (lib/marketplaces/registry.ts) derive from. Its own module
// with no drizzle import, so client components can read it.
export const MARKETPLACES = ["etsy", "ebay", "shopify"] as const;
export type Marketplace = (typeof MARKETPLACES)[number];
