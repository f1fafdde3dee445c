// Realistic demo catalogues for generated shops and sellers. Deterministic: the n-th
// generated item is always the same, so tests and demos repeat.

import type { Sandbox } from "./context";
import type { EtsyReadinessStateName } from "./state";

const products = [
  ["Hand-thrown ceramic mug", 28], ["Linen tea towel", 16], ["Beeswax taper candles (pair)", 18], ["Walnut serving board", 64],
  ["Sterling silver stacking ring", 42], ["Hand-knit wool beanie", 35], ["Botanical print, A4", 22], ["Leather card wallet", 39],
  ["Macramé plant hanger", 26], ["Soy candle in amber jar", 24], ["Enamel pin set", 14], ["Quilted cotton tote bag", 32],
  ["Brass hoop earrings", 30], ["Watercolour greeting card", 6], ["Oak coaster set", 21], ["Hand-dyed silk scarf", 58],
] as const;

const sizes = ["S", "M", "L"];
const colors = ["Sage", "Ochre", "Charcoal"];

/**
 * A processing profile: `readiness_state_id` names one of the shop's definitions, `readiness_state`
 * picks the shop's profile of that kind (useful when the shop is created in the same call).
 * Unset, a listing gets the shop's default profile and a value gets its listing's.
 */
export type SeedReadiness = { readiness_state_id?: number; readiness_state?: EtsyReadinessStateName };
export type SeedVariation = { property: string; values: ({ value: string; sku?: string; quantity: number } & SeedReadiness)[] };
export type SeedListing = { title: string; sku?: string; quantity: number; price: number; variations?: SeedVariation[] } & SeedReadiness;
export type SeedItem = { sku: string; title: string; quantity: number; price: number };

const skuStem = (title: string) =>
  title
    .replace(/[^A-Za-z ]/g, "")
    .split(" ")
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w.slice(0, 4).toUpperCase())
    .join("-");

export function generatedListings(count: number, shopIndex: number): SeedListing[] {
  return Array.from({ length: count }, (_, i) => {
    const [title, price] = products[i % products.length];
    const n = shopIndex * 100 + i + 1;
    const stem = `${skuStem(title)}-${String(n).padStart(3, "0")}`;
    const quantity = ((i * 7 + shopIndex * 3) % 18) + 2;
    // Processing profiles (Etsy 2026): every third listing is made to order; the first
    // listing with variations ships its small size at once and makes the others to order.
    const readiness: SeedReadiness = i % 3 === 1 ? { readiness_state: "made_to_order" } : {};
    if (i % 4 === 2) {
      const colour = i % 8 === 6;
      const profileBySize = i === 2;
      return {
        title,
        price,
        quantity,
        ...readiness,
        variations: [
          {
            property: colour ? "Color" : "Size",
            values: (colour ? colors : sizes).map((value, j) => ({
              value,
              sku: `${stem}-${value.slice(0, 3).toUpperCase()}`,
              quantity: ((i + j * 5) % 9) + 1,
              ...(profileBySize ? { readiness_state: j === 0 ? ("ready_to_ship" as const) : ("made_to_order" as const) } : {}),
            })),
          },
        ],
      };
    }
    // Every fifth listing has no SKU, as many real shops do.
    return i % 5 === 4 ? { title, price, quantity, ...readiness } : { title, price, quantity, sku: stem, ...readiness };
  });
}

export function generatedItems(count: number, sellerIndex: number): SeedItem[] {
  return Array.from({ length: count }, (_, i) => {
    const [title, price] = products[(i + 3) % products.length];
    const n = sellerIndex * 100 + i + 1;
    return { sku: `${skuStem(title)}-${String(n).padStart(3, "0")}`, title, quantity: ((i * 5 + sellerIndex) % 15) + 1, price };
  });
}

/** eBay items for the first `count` SKUs of these Etsy listings: same SKU, title and quantity. */
export function sharedDemoItems(sb: Sandbox, listingIds: number[], count: number): SeedItem[] {
  const items: SeedItem[] = [];
  for (const id of listingIds) {
    const listing = sb.state.etsy.listings[String(id)];
    for (const p of listing?.products ?? []) {
      if (items.length >= count) return items;
      if (!p.sku || p.is_deleted || !p.offering.is_enabled) continue;
      items.push({ sku: p.sku, title: listing.title.slice(0, 80), quantity: p.offering.quantity, price: p.offering.price_cents / 100 });
    }
  }
  return items;
}

/**
 * Shopify products for demo items (one variant each; items whose titles match become the
 * variants of one product, as an Etsy listing's variations do): the quantity at the first
 * location, and a couple of units of every third item at the second.
 */
export function shopifyDemoProducts(items: SeedItem[], main: string, second: string) {
  const byTitle = new Map<string, SeedItem[]>();
  for (const item of items) byTitle.set(item.title, [...(byTitle.get(item.title) ?? []), item]);
  return [...byTitle].map(([title, group]) => ({
    title,
    variants: group.map((item, i) => ({
      title: group.length > 1 ? item.sku.split("-").pop() ?? `Option ${i + 1}` : "Default Title",
      sku: item.sku,
      price: item.price,
      quantities: items.indexOf(item) % 3 === 0 ? { [main]: item.quantity, [second]: 2 } : { [main]: item.quantity },
    })),
  }));
}
