import type { Marketplace } from "@/db/schema";
import { ebayAdapter } from "./ebay/adapter";
import { etsyAdapter } from "./etsy/adapter";
import type { MarketplaceAdapter } from "./types";

const adapters: Record<Marketplace, MarketplaceAdapter> = { etsy: etsyAdapter, ebay: ebayAdapter };

export function adapterFor(marketplace: Marketplace): MarketplaceAdapter {
  return adapters[marketplace];
}
