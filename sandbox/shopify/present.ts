import { connection, type PageArgs } from "./connection";
import { gid, refundedQuantity, type ShopifyLineItem, type ShopifyLocation, type ShopifyOrder, type ShopifyProduct, type ShopifyShop, type ShopifyVariant } from "./store";

// The stored shop as Admin API objects for graphql-js to execute over: plain fields, and
// functions for fields that take arguments (graphql-js's default resolver calls them with
// the arguments). `__typename` lets `nodes(ids:)` and fragments resolve the interface.
// A field the sandbox does not model resolves to null: the query is still valid, and a
// non-null field says so in `errors` instead of inventing a value.

const iso = (ms: number) => new Date(ms).toISOString();
const money = (amount: string, currencyCode: string) => ({ shopMoney: { amount, currencyCode }, presentmentMoney: { amount, currencyCode } });

export function presentLocation(loc: ShopifyLocation) {
  return {
    __typename: "Location",
    id: gid("Location", loc.id),
    legacyResourceId: String(loc.id),
    name: loc.name,
    isActive: loc.active,
    isPrimary: loc.primary,
    shipsInventory: true,
    fulfillsOnlineOrders: true,
    hasActiveInventory: true,
  };
}

/** `quantities(names:)`: the sandbox models `available` (on_hand equals it: nothing is committed or reserved). */
function quantities(available: number) {
  return ({ names }: { names: string[] }) => names.map((name) => ({ __typename: "InventoryQuantity", id: `${name}`, name, quantity: name === "available" || name === "on_hand" ? available : 0 }));
}

export function presentInventoryLevel(shop: ShopifyShop, variant: ShopifyVariant, loc: ShopifyLocation) {
  const available = variant.levels[String(loc.id)] ?? 0;
  return {
    __typename: "InventoryLevel",
    id: `gid://shopify/InventoryLevel/${variant.inventoryItemId}?inventory_item_id=${variant.inventoryItemId}&location_id=${loc.id}`,
    isActive: true,
    location: presentLocation(loc),
    item: () => presentInventoryItem(shop, variant),
    quantities: quantities(available),
    updatedAt: iso(variant.updatedAt),
  };
}

export function presentInventoryItem(shop: ShopifyShop, variant: ShopifyVariant) {
  const stocked = () => shop.locations.filter((l) => variant.levels[String(l.id)] !== undefined);
  return {
    __typename: "InventoryItem",
    id: gid("InventoryItem", variant.inventoryItemId),
    legacyResourceId: String(variant.inventoryItemId),
    sku: variant.sku || null,
    tracked: variant.tracked,
    requiresShipping: true,
    updatedAt: iso(variant.updatedAt),
    variant: () => presentVariant(shop, variant),
    inventoryLevel: ({ locationId }: { locationId: string }) => {
      const loc = stocked().find((l) => gid("Location", l.id) === locationId);
      return loc ? presentInventoryLevel(shop, variant, loc) : null;
    },
    inventoryLevels: (args: PageArgs) => connection(stocked().map((l) => presentInventoryLevel(shop, variant, l)), args, (l) => l.id),
  };
}

export function presentVariant(shop: ShopifyShop, variant: ShopifyVariant) {
  const total = Object.values(variant.levels).reduce((a, b) => a + b, 0);
  return {
    __typename: "ProductVariant",
    id: gid("ProductVariant", variant.id),
    legacyResourceId: String(variant.id),
    title: variant.title,
    displayName: `${shop.products[String(variant.productId)]?.title ?? ""} - ${variant.title}`,
    sku: variant.sku || null,
    price: variant.price,
    position: variant.position,
    inventoryQuantity: total,
    updatedAt: iso(variant.updatedAt),
    inventoryItem: () => presentInventoryItem(shop, variant),
    product: () => presentProduct(shop, shop.products[String(variant.productId)]),
  };
}

export function presentProduct(shop: ShopifyShop, product: ShopifyProduct) {
  const variants = () => product.variantIds.map((id) => shop.variants[String(id)]).filter((v): v is ShopifyVariant => v !== undefined);
  return {
    __typename: "Product",
    id: gid("Product", product.id),
    legacyResourceId: String(product.id),
    title: product.title,
    handle: product.handle,
    status: product.status,
    createdAt: iso(product.createdAt),
    updatedAt: iso(product.updatedAt),
    onlineStoreUrl: product.status === "ACTIVE" ? `https://${shop.domain}/products/${product.handle}` : null,
    totalInventory: variants().reduce((n, v) => n + Object.values(v.levels).reduce((a, b) => a + b, 0), 0),
    variantsCount: { count: product.variantIds.length, precision: "EXACT" },
    variants: (args: PageArgs) => connection(variants().map((v) => presentVariant(shop, v)), args, (v) => v.id),
  };
}

function presentLineItem(shop: ShopifyShop, order: ShopifyOrder, line: ShopifyLineItem) {
  const variant = line.variantId === null ? undefined : shop.variants[String(line.variantId)];
  return {
    __typename: "LineItem",
    id: gid("LineItem", line.id),
    sku: line.sku,
    name: line.variantTitle ? `${line.title} - ${line.variantTitle}` : line.title,
    title: line.title,
    variantTitle: line.variantTitle,
    quantity: line.quantity,
    currentQuantity: line.quantity - refundedQuantity(order, line.id),
    originalUnitPriceSet: money(line.price, order.currency),
    variant: variant ? presentVariant(shop, variant) : null,
    product: () => (line.productId !== null && shop.products[String(line.productId)] ? presentProduct(shop, shop.products[String(line.productId)]) : null),
  };
}

function fulfillmentOrders(shop: ShopifyShop, order: ShopifyOrder) {
  const loc = shop.locations.find((l) => l.id === order.locationId);
  if (!loc) return [];
  const assignedLocation = { __typename: "FulfillmentOrderAssignedLocation", location: presentLocation(loc), name: loc.name, countryCode: "US" };
  return [{ __typename: "FulfillmentOrder", id: gid("FulfillmentOrder", order.id), status: order.cancelledAt === null ? "OPEN" : "CLOSED", assignedLocation }];
}

export function presentOrder(shop: ShopifyShop, order: ShopifyOrder) {
  const lines = () => order.lines.map((l) => presentLineItem(shop, order, l));
  const total = order.lines.reduce((n, l) => n + Number(l.price) * l.quantity, 0).toFixed(2);
  const refunded = order.refunds.length > 0;
  const fullyRefunded = order.lines.every((l) => refundedQuantity(order, l.id) >= l.quantity);
  return {
    __typename: "Order",
    id: gid("Order", order.id),
    legacyResourceId: String(order.id),
    name: `#${order.number}`,
    createdAt: iso(order.createdAt),
    processedAt: iso(order.createdAt),
    updatedAt: iso(order.updatedAt),
    cancelledAt: order.cancelledAt === null ? null : iso(order.cancelledAt),
    cancelReason: order.cancelReason,
    closed: false,
    currencyCode: order.currency,
    displayFinancialStatus: fullyRefunded ? "REFUNDED" : refunded ? "PARTIALLY_REFUNDED" : "PAID",
    displayFulfillmentStatus: "UNFULFILLED",
    totalPriceSet: money(total, order.currency),
    customer: null,
    lineItems: (args: PageArgs) => connection(lines(), args, (l) => l.id),
    // Order routing as the sandbox does it: one fulfillment order, at the location the stock was taken from.
    fulfillmentOrders: (args: PageArgs) => connection(fulfillmentOrders(shop, order), args, (f) => f.id),
    refunds: ({ first }: { first?: number | null }) =>
      order.refunds.slice(0, first ?? undefined).map((r) => ({
        __typename: "Refund",
        id: gid("Refund", r.id),
        createdAt: iso(r.createdAt),
        refundLineItems: (args: PageArgs) =>
          connection(
            r.lines.map((rl, i) => ({
              __typename: "RefundLineItem",
              id: `${gid("RefundLineItem", r.id)}-${i}`,
              quantity: rl.quantity,
              restockType: rl.restockType,
              restocked: rl.restockType !== "NO_RESTOCK",
              location: rl.locationId === null ? null : { __typename: "Location", id: gid("Location", rl.locationId) },
              lineItem: presentLineItem(shop, order, order.lines.find((l) => l.id === rl.lineItemId) as ShopifyLineItem),
            })),
            args,
            (x) => x.id,
          ),
      })),
  };
}

export function presentShop(shop: ShopifyShop) {
  return {
    __typename: "Shop",
    id: gid("Shop", shop.id),
    name: shop.name,
    email: shop.email,
    contactEmail: shop.email,
    myshopifyDomain: shop.domain,
    currencyCode: shop.currency,
    url: `https://${shop.domain}`,
    ianaTimezone: "UTC",
  };
}
