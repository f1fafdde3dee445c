import type { Marketplace } from "@/db/schema";
import type { MarketplaceDescriptor } from "./descriptor";
import { ebayDescriptor } from "./ebay/descriptor";
import { etsyDescriptor } from "./etsy/descriptor";
import type { MarketplaceAdapter } from "./types";

// The channel registry: one descriptor per marketplace, keyed by the schema's marketplace enum
// (db/schema/marketplace-ids.ts), so a marketplace added there without its descriptor here does
// not compile. Client components read the client-safe half, ./meta.ts.

const DESCRIPTORS: { readonly [M in Marketplace]: MarketplaceDescriptor } = { etsy: etsyDescriptor, ebay: ebayDescriptor };

export type { MarketplaceDescriptor } from "./descriptor";

export const MARKETPLACE_DESCRIPTORS: readonly MarketplaceDescriptor[] = Object.values(DESCRIPTORS);

export function marketplaceDescriptor(m: Marketplace): MarketplaceDescriptor {
  return DESCRIPTORS[m];
}

export function adapterFor(m: Marketplace): MarketplaceAdapter {
  return DESCRIPTORS[m].adapter;
}
