import type { Marketplace } from "@/db/schema/marketplace-ids";
import { ebayMeta } from "./ebay/meta";
import { etsyMeta } from "./etsy/meta";
import { shopifyMeta } from "./shopify/meta";
import type { MarketplaceMeta } from "./meta-types";

// The client-safe half of the channel registry (./registry): every label, colour, filter option
// and connect button derives from here. Keyed by the schema's marketplace enum, so a value
// added there without its meta here does not compile.

const META: { readonly [M in Marketplace]: MarketplaceMeta } = { etsy: etsyMeta, ebay: ebayMeta, shopify: shopifyMeta };

export type { MarketplaceMeta } from "./meta-types";

/** Every marketplace, in the order the interface lists them. */
export const MARKETPLACE_METAS: readonly MarketplaceMeta[] = Object.values(META);

export function marketplaceMeta(m: Marketplace): MarketplaceMeta {
  return META[m];
}

export function marketplaceLabel(m: Marketplace): string {
  return META[m].label;
}

/** "Kiln (Etsy)": a shop named with its marketplace, as lists, CSV columns and history say it. */
export function shopWithMarketplace(c: { name: string; marketplace: Marketplace }): string {
  return `${c.name} (${META[c.marketplace].label})`;
}

/** "Etsy and eBay" (or "Etsy or eBay"): every marketplace's name, for page copy. */
export function marketplaceNames(conjunction: "and" | "or" = "and", name: (m: MarketplaceMeta) => string = (m) => m.label): string {
  const names = MARKETPLACE_METAS.map(name);
  return names.length > 1 ? `${names.slice(0, -1).join(", ")} ${conjunction} ${names[names.length - 1]}` : names.join("");
}

/** "Etsy shops and eBay accounts": what Stockroom connects, for page copy and refusals. */
export function connectableAccounts(conjunction: "and" | "or" = "and"): string {
  return marketplaceNames(conjunction, (m) => `${m.label} ${m.accountNoun}s`);
}

/** Where a seller starts connecting an account of this marketplace: the OAuth start route, or first the store-address form. */
export function connectHref(m: Marketplace): string {
  return META[m].accountAddress ? `/connections/connect/${m}` : `/api/connections/${m}/start`;
}

/** Select options for a channel filter: "All channels" then one per marketplace. */
export function marketplaceOptions(allLabel: string): { value: string; label: string }[] {
  return [{ value: "", label: allLabel }, ...MARKETPLACE_METAS.map((m) => ({ value: m.id, label: m.label }))];
}
