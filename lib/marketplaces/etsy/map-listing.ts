import type { components } from "../generated/etsy-openapi-v3";
import type { ListingWithItems } from "../types";

type Listing = components["schemas"]["ShopListingWithAssociations"];
type Product = components["schemas"]["ListingInventoryProduct"];
type PropertyValue = components["schemas"]["ListingPropertyValue"];

/**
 * The stable id of one Etsy sellable unit: the listing plus its variation's property
 * values. Etsy's product_id, offering_id and even value_ids change on every
 * updateListingInventory (github.com/etsy/open-api issues 432, 523), so they cannot
 * identify an item across pushes. Receipt transactions carry the same property values
 * (`product_data`), so a sale maps back to the same key.
 */
export function etsyItemKey(listingId: number | string, propertyValues: PropertyValue[] | undefined): string {
  const parts = (propertyValues ?? [])
    .filter((pv) => (pv.values ?? []).length > 0)
    .map((pv) => `${pv.property_id ?? pv.property_name ?? ""}=${(pv.values ?? []).join("|")}`)
    .sort();
  return parts.length ? `${listingId}:${parts.join(";")}` : String(listingId);
}

/** "Size: M / Colour: Blue" from an Etsy product's property values; null for a listing without variations. */
export function variationText(product: Pick<Product, "property_values">): string | null {
  const parts = (product.property_values ?? [])
    .filter((pv) => (pv.values ?? []).length > 0)
    .map((pv) => (pv.property_name ? `${pv.property_name}: ${(pv.values ?? []).join(", ")}` : (pv.values ?? []).join(", ")));
  return parts.length ? parts.join(" / ") : null;
}

/**
 * One channel item per Etsy product (each product has one offering per sellable unit),
 * keyed by etsyItemKey.
 * A listing that is not active sells nothing, so its items report quantity 0 and
 * disabled: that is also how Stockroom sells a whole listing out (Etsy refuses an
 * inventory with no enabled offering above 0, so the listing is deactivated instead).
 */
export function mapEtsyListing(listing: Listing): ListingWithItems {
  const active = listing.state === "active";
  const title = listing.title ?? `Etsy listing ${listing.listing_id ?? ""}`.trim();
  const items = (listing.inventory?.products ?? [])
    .filter((p) => !p.is_deleted && p.product_id !== undefined)
    .map((p) => {
      const offering = (p.offerings ?? []).find((o) => !o.is_deleted);
      const enabled = active && (offering?.is_enabled ?? false);
      return {
        externalId: etsyItemKey(listing.listing_id ?? "", p.property_values),
        // The current product_id, for reference only: Etsy replaces it on every inventory update.
        externalOfferId: String(p.product_id),
        sku: p.sku?.trim() ? p.sku.trim() : null,
        title,
        variation: variationText(p),
        quantity: enabled ? (offering?.quantity ?? 0) : 0,
        enabled,
        listed: active,
      };
    });
  return {
    externalId: String(listing.listing_id),
    title,
    state: listing.state ?? "active",
    url: listing.url ?? null,
    items,
  };
}
