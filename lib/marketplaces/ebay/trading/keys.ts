// Channel item ids for Seller Hub (Trading-model) listings. The prefix is the routing
// marker: an eBay channel item whose external id starts with "trading:" is revised with
// ReviseInventoryStatus; any other is an Inventory-API SKU and goes through
// bulkUpdatePriceQuantity. eBay refuses each model through the other API, so the marker
// is decided once, at import, by which API the listing came from.
//
//   trading:{ItemID}                      a listing without variations
//   trading:{ItemID}:sku:{SKU}            a variation with a SKU (revisable by ItemID + SKU)
//   trading:{ItemID}:spec:{Name=Value;…}  a variation without a SKU (shown, not revisable)

const PREFIX = "trading:";

export type TradingKey = { itemId: string; variationSku: string | null; specifics: string | null };

export function tradingItemKey(itemId: string, variation?: { sku?: string | null; specifics?: Record<string, string> } | null): string {
  if (!variation) return `${PREFIX}${itemId}`;
  if (variation.sku?.trim()) return `${PREFIX}${itemId}:sku:${variation.sku.trim()}`;
  return `${PREFIX}${itemId}:spec:${specificsKey(variation.specifics ?? {})}`;
}

export const isTradingKey = (externalId: string) => externalId.startsWith(PREFIX);

export function parseTradingKey(externalId: string): TradingKey | null {
  const m = /^trading:(\d+)(?::(sku|spec):(.*))?$/.exec(externalId);
  if (!m) return null;
  return { itemId: m[1] ?? "", variationSku: m[2] === "sku" ? (m[3] ?? null) : null, specifics: m[2] === "spec" ? (m[3] ?? null) : null };
}

export function specificsKey(specifics: Record<string, string>): string {
  return Object.keys(specifics)
    .sort()
    .map((k) => `${k}=${specifics[k]}`)
    .join(";");
}

/** "Size: M / Colour: Blue", the same shape as Etsy variations. */
export function specificsLabel(specifics: Record<string, string>): string {
  return Object.entries(specifics)
    .map(([k, v]) => `${k}: ${v}`)
    .join(" / ");
}
