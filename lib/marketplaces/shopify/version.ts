// The Admin API version every Shopify call names (stable, April 2026; supported until April
// 2027). Its semantics are relied on: inventorySetQuantities' mandatory changeFromQuantity and
// the mandatory @idempotent key. The schema it is typed from: schemas/shopify/README.md.
export const SHOPIFY_API_VERSION = "2026-04";

/**
 * What Stockroom asks a merchant for: read products and locations, read and write inventory, read
 * orders, and read the merchant's fulfillment orders (which location an order's stock came from).
 */
export const SHOPIFY_SCOPES = ["read_products", "read_inventory", "write_inventory", "read_orders", "read_locations", "read_merchant_managed_fulfillment_orders"];

export const SHOPIFY_LABEL = "Shopify";
