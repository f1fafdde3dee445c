import type { ProductsPageQuery, VariantStockFragment } from "../generated/shopify-admin-2026-04";
import type { ChannelItemData, ListingWithItems } from "../types";

// A Shopify product is a listing; each variant is one channel item: externalId the variant's
// gid (order lines name it), externalOfferId its inventory item's gid (what inventory
// mutations take). Its quantity is `available` at the location Stockroom manages.

type Product = ProductsPageQuery["products"]["nodes"][number];

export function availableOf(level: VariantStockFragment["inventoryItem"]["inventoryLevel"]): number | null {
  if (!level) return null;
  return level.quantities.find((q) => q.name === "available")?.quantity ?? null;
}

export function mapShopifyVariant(product: Pick<Product, "title" | "status">, v: VariantStockFragment): ChannelItemData {
  const available = availableOf(v.inventoryItem.inventoryLevel);
  return {
    externalId: v.id,
    externalOfferId: v.inventoryItem.id,
    sku: v.sku?.trim() ? v.sku.trim() : null,
    title: product.title,
    variation: v.title === "Default Title" ? null : v.title,
    // Not stocked at the managed location: nothing to sell there (Shopify reads it as 0).
    quantity: Math.max(0, available ?? 0),
    // Untracked inventory sells without limit and a variant not stocked at the location cannot
    // be set there: Stockroom cannot keep either in step until the merchant changes that.
    enabled: v.inventoryItem.tracked && available !== null,
    // Drafts and archived products are off the shelf: what they show says nothing about sales.
    listed: product.status === "ACTIVE",
  };
}

export function mapShopifyProduct(product: Pick<Product, "id" | "title" | "status" | "onlineStoreUrl">, variants: VariantStockFragment[]): ListingWithItems {
  return {
    externalId: product.id,
    title: product.title,
    state: product.status.toLowerCase(),
    url: product.onlineStoreUrl,
    items: variants.map((v) => mapShopifyVariant(product, v)),
  };
}
