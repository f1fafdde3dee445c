import { MARKETPLACES, type Marketplace } from "@/db/schema/marketplace-ids";
import type { MarketplaceDescriptor, WebhookEndpoint } from "./descriptor";
import { ebayDescriptor } from "./ebay/descriptor";
import { etsyDescriptor } from "./etsy/descriptor";
import { shopifyDescriptor } from "./shopify/descriptor";
import type { MarketplaceAdapter } from "./types";

// The channel registry: one descriptor per marketplace, keyed by the schema's marketplace enum
// (db/schema/marketplace-ids.ts), so a marketplace added there without its descriptor here does
// not compile. Client components read the client-safe half, ./meta.ts.

const DESCRIPTORS: { readonly [M in Marketplace]: MarketplaceDescriptor } = { etsy: etsyDescriptor, ebay: ebayDescriptor, shopify: shopifyDescriptor };

export type { MarketplaceDescriptor } from "./descriptor";

export const MARKETPLACE_DESCRIPTORS: readonly MarketplaceDescriptor[] = Object.values(DESCRIPTORS);

export function marketplaceDescriptor(m: Marketplace): MarketplaceDescriptor {
  return DESCRIPTORS[m];
}

export function adapterFor(m: Marketplace): MarketplaceAdapter {
  return DESCRIPTORS[m].adapter;
}

/** The notification endpoint at /api/webhooks/<marketplace>/<path>, if that marketplace has one there. */
export function webhookEndpoint(marketplace: string, path: string): WebhookEndpoint | null {
  const m = MARKETPLACES.find((id) => id === marketplace);
  if (!m) return null;
  const endpoints = DESCRIPTORS[m].webhooks;
  return Object.hasOwn(endpoints, path) ? endpoints[path] : null;
}
