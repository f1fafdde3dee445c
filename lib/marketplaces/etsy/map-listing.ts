import type { components } from "../generated/etsy-openapi-v3";
import type { ListingWithItems } from "../types";

type Listing = components["schemas"]["ShopListingWithAssociations"];
type Product = components["schemas"]["ListingInventoryProduct"];

/** "Size: M / Colour: Blue" from an Etsy product's property values; null for a listing without variations. */
export function variationText(product: Pick<Product, "property_values">): string | null {
  const parts = (product.property_values ?? [])
    .filter((pv) => (pv.values ?? []).length > 0)
    .map((pv) => (pv.property_name ? `${pv.property_name}: ${(pv.values ?? []).join(", ")}` : (pv.values ?? []).join(", ")));
  return parts.length ? parts.join(" / ") : null;
}

/**
 * One channel item per Etsy product (each product has one offering per sellable unit).
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
        externalId: String(p.product_id),
        externalOfferId: offering?.offering_id !== undefined ? String(offering.offering_id) : null,
        sku: p.sku?.trim() ? p.sku.trim() : null,
        title,
        variation: variationText(p),
        quantity: enabled ? (offering?.quantity ?? 0) : 0,
        enabled,
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
