import type { components, operations } from "../generated/etsy-openapi-v3";
import { etsyMoneyToDecimal } from "../money";
import { etsyItemKey } from "./map-listing";

type Inventory = components["schemas"]["ListingInventory"];
type Offering = components["schemas"]["ListingInventoryProductOffering"];
export type EtsyInventoryBody = NonNullable<operations["updateListingInventory"]["requestBody"]>["content"]["application/json"];

export type EtsyInventoryPlan = {
  /** The whole products array in the PUT shape, or null when nothing needs writing. */
  body: EtsyInventoryBody | null;
  /** Listing state change needed: Etsy cannot hold an inventory with nothing to sell, so a sold-out listing is deactivated. */
  state: "active" | "inactive" | null;
  /** Whether each targeted product can be bought after the update. */
  enabled: Map<string, boolean>;
  /** Targeted product ids the listing no longer has. */
  missing: string[];
  /** What a buyer can buy of every product (targeted or not) once the plan is applied. */
  shows: Map<string, number>;
};

/**
 * Sets the targeted products' quantities (keyed by etsyItemKey) on an Etsy listing. Etsy's PUT takes the whole
 * products array (price as a decimal, no product_id/offering_id/is_deleted) and refuses
 * an inventory where no enabled offering has quantity ≥ 1, so:
 * - a product set to 0 is disabled (`is_enabled: false`) rather than left at 0;
 * - when nothing would be left to sell, the inventory is not written and the listing is
 *   deactivated instead;
 * - restocking a product re-enables it, and reactivates an inactive listing. Products of
 *   an inactive listing that are not targeted count as 0 (that is what the listing sells),
 *   so reactivating never brings back stale quantities.
 * See github.com/etsy/open-api issues 134, 395, 473, 560.
 */
export function planEtsyInventoryUpdate(listing: { listingId: number; state: string; inventory: Inventory }, targets: Map<string, number>): EtsyInventoryPlan {
  const active = listing.state === "active";
  const products = (listing.inventory.products ?? []).filter((p) => !p.is_deleted);
  const keyOf = (p: (typeof products)[number]) => etsyItemKey(listing.listingId, p.property_values);
  const known = new Set(products.map(keyOf));
  const missing = [...targets.keys()].filter((id) => !known.has(id));

  let changed = false;
  const next = products.map((p) => {
    const id = keyOf(p);
    const target = targets.get(id);
    const offerings = (p.offerings ?? []).filter((o) => !o.is_deleted).map((o, index) => {
      const before = { quantity: o.quantity ?? 0, enabled: o.is_enabled ?? false };
      let after: { quantity: number; enabled: boolean };
      // The first offering is the product's sellable unit; Etsy products carry exactly one.
      if (target !== undefined && index === 0) after = { quantity: Math.max(0, target), enabled: target >= 1 };
      else if (active) after = before;
      else after = { quantity: 0, enabled: false };
      if (after.quantity !== before.quantity || after.enabled !== before.enabled) changed = true;
      return { offering: o, ...after };
    });
    return { id, product: p, offerings };
  });

  const sellable = next.some((p) => p.offerings.some((o) => o.enabled && o.quantity >= 1));
  const enabled = new Map<string, boolean>();
  for (const p of next) {
    if (targets.has(p.id)) enabled.set(p.id, sellable && (p.offerings[0]?.enabled ?? false));
  }

  const showing = (listingActive: boolean) => new Map(next.map((p) => [p.id, listingActive && p.offerings[0]?.enabled ? (p.offerings[0]?.quantity ?? 0) : 0]));
  if (!sellable) return { body: null, state: active ? "inactive" : null, enabled, missing, shows: showing(false) };
  if (!changed && active) return { body: null, state: null, enabled, missing, shows: showing(true) };

  // Etsy refuses differing quantities unless quantity_on_property names the properties they vary by.
  const quantities = next.map((p) => `${p.offerings[0]?.quantity}:${p.offerings[0]?.enabled}`);
  const varies = new Set(quantities).size > 1;
  const propertyIds = [...new Set(products.flatMap((p) => (p.property_values ?? []).map((pv) => pv.property_id ?? 0)))];
  const quantityOnProperty = listing.inventory.quantity_on_property?.length || !varies ? (listing.inventory.quantity_on_property ?? []) : propertyIds;

  const body: EtsyInventoryBody = {
    products: next.map((p) => ({
      ...(p.product.sku !== undefined ? { sku: p.product.sku } : {}),
      property_values: (p.product.property_values ?? []).map((pv) => ({
        property_id: pv.property_id ?? 0,
        value_ids: pv.value_ids ?? [],
        scale_id: pv.scale_id ?? null,
        ...(pv.property_name ? { property_name: pv.property_name } : {}),
        values: pv.values ?? [],
      })),
      offerings: p.offerings.map((o) => putOffering(o.offering, o.quantity, o.enabled)),
    })),
    price_on_property: listing.inventory.price_on_property ?? [],
    quantity_on_property: quantityOnProperty,
    sku_on_property: listing.inventory.sku_on_property ?? [],
    // Written back exactly as read: the seller's per-variation processing profiles.
    readiness_state_on_property: listing.inventory.readiness_state_on_property ?? [],
  };
  return { body, state: active ? null : "active", enabled, missing, shows: showing(true) };
}

/** Etsy requires the processing profile on every offering (2026); it is sent back as read, never invented. */
function putOffering(o: Offering, quantity: number, enabled: boolean) {
  return { price: etsyMoneyToDecimal(o.price), quantity, is_enabled: enabled, readiness_state_id: o.readiness_state_id ?? null };
}
