import { z } from "zod";
import type { Sandbox } from "../context";
import { json, type Handler, type Req, type Res } from "../http";
import {
  addProduct,
  adjustAvailable,
  cancelOrder,
  createShop,
  findLocation,
  findVariantBySku,
  gid,
  parseGid,
  placeOrder,
  refundOrder,
  shopifyState,
  type NewShop,
  type ShopifyOrder,
  type ShopifyShop,
} from "../shopify/store";
import { restOrder, restRefund, sendInventoryLevelUpdate, sendShopifyWebhook } from "../shopify/webhooks";
import { uninstallApp } from "../shopify/app-uninstall";
import { controlError, parseBody, quantity } from "./common";

// Control API for the Shopify emulator: create shops (locations, products, variants,
// quantities), and make the things that happen in a shop happen: a checkout, a
// cancellation, a refund, an edit in Shopify admin, an uninstall, the privacy requests.
// Each sends the webhook Shopify would send.

const DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

const variantInput = z.object({
  title: z.string().min(1).optional(),
  sku: z.string().max(255).optional(),
  price: z.number().min(0).optional(),
  tracked: z.boolean().optional(),
  /** Available at the primary location. */
  quantity: quantity.optional(),
  /** Available by location name (a variant is stocked only where listed). */
  quantities: z.record(z.string(), quantity).optional(),
});
const productInput = z.object({ title: z.string().min(1), status: z.enum(["ACTIVE", "DRAFT", "ARCHIVED"]).optional(), variants: z.array(variantInput).max(2048).optional() });

export const shopifyShopInput = z.object({
  domain: z.string().regex(DOMAIN, "must be a myshopify.com domain, e.g. northwind.myshopify.com"),
  name: z.string().min(1).optional(),
  email: z.string().email().optional(),
  currency: z.string().length(3).optional(),
  locations: z.array(z.object({ name: z.string().min(1) })).min(1).max(20).optional(),
  products: z.array(productInput).optional(),
});

export function describeShop(shop: ShopifyShop) {
  return {
    domain: shop.domain,
    shop_id: gid("Shop", shop.id),
    name: shop.name,
    locations: shop.locations.map((l) => ({ id: gid("Location", l.id), name: l.name, primary: l.primary })),
    products: Object.values(shop.products).map((p) => ({
      id: gid("Product", p.id),
      title: p.title,
      variants: p.variantIds.map((id) => shop.variants[String(id)]).map((v) => ({ id: gid("ProductVariant", v.id), sku: v.sku, inventory_item_id: gid("InventoryItem", v.inventoryItemId), levels: v.levels })),
    })),
  };
}

/** Creates a shop, refusing location names its variants do not have. */
export function seedShopifyShop(sb: Sandbox, input: NewShop): ShopifyShop | { error: string } {
  const names = new Set((input.locations ?? [{ name: "Shop location" }]).map((l) => l.name));
  const unknown = (input.products ?? []).flatMap((p) => p.variants ?? []).flatMap((v) => Object.keys(v.quantities ?? {})).find((n) => !names.has(n));
  if (unknown) return { error: `products: quantities name the location "${unknown}", which the shop does not have.` };
  return createShop(sb, input);
}

export const createShopifyShopRoute: Handler = (req) => {
  const body = parseBody(shopifyShopInput, req);
  if (!body.ok) return body.res;
  if (shopifyState(req.sandbox.state).shops[body.value.domain]) return controlError(409, `A shop ${body.value.domain} already exists.`);
  const shop = seedShopifyShop(req.sandbox, body.value);
  return "error" in shop ? controlError(400, shop.error) : json(201, describeShop(shop));
};

export const listShopifyShopsRoute: Handler = (req) => json(200, { shops: Object.values(shopifyState(req.sandbox.state).shops).map(describeShop) });

function shopParam(req: Req, name = "domain"): ShopifyShop | Res {
  const domain = req.params[name] ?? req.query.get("shop") ?? "";
  return shopifyState(req.sandbox.state).shops[domain] ?? controlError(404, `Shop ${domain || "(none)"} not found: pass it in the path or as ?shop=.`);
}

/** POST /_control/shopify/shops/{domain}/products: the merchant adds a product. */
export const addShopifyProductRoute: Handler = (req) => {
  const shop = shopParam(req);
  if ("status" in shop) return shop;
  const body = parseBody(productInput, req);
  if (!body.ok) return body.res;
  const product = addProduct(req.sandbox, shop, body.value);
  req.sandbox.changed();
  return json(201, describeShop(shop).products.find((p) => p.id === gid("Product", product.id)));
};

const orderInput = z.object({
  lines: z.array(z.object({ sku: z.string().min(1), quantity: z.number().int().min(1).max(10_000), price: z.number().min(0).optional() })).min(1),
  /** Location name or id the stock is taken from; the primary location by default. */
  location: z.string().optional(),
});

/** POST /_control/shopify/shops/{domain}/orders: a buyer checks out; Shopify takes the stock at once. */
export const shopifyOrderRoute: Handler = (req) => {
  const shop = shopParam(req);
  if ("status" in shop) return shop;
  const body = parseBody(orderInput, req);
  if (!body.ok) return body.res;
  const location = findLocation(shop, body.value.location);
  if (!location) return controlError(400, `location: ${body.value.location} is not a location of ${shop.domain}.`);
  const order = placeOrder(req.sandbox, shop, body.value.lines, location);
  if ("error" in order) return controlError(400, order.error);
  sendShopifyWebhook(req.sandbox, shop, "orders/create", restOrder(order));
  for (const line of order.lines) {
    const variant = line.variantId === null ? undefined : shop.variants[String(line.variantId)];
    if (variant?.tracked) sendInventoryLevelUpdate(req.sandbox, shop, variant, location);
  }
  return json(201, { ...restOrder(order), id: gid("Order", order.id), legacy_id: order.id });
};

function orderParam(req: Req): { order: ShopifyOrder; shop: ShopifyShop } | Res {
  const id = parseGid("Order", req.params.order_id);
  const order = id === null ? undefined : shopifyState(req.sandbox.state).orders[String(id)];
  const shop = order ? shopifyState(req.sandbox.state).shops[order.shop] : undefined;
  return order && shop ? { order, shop } : controlError(404, `Order ${req.params.order_id} not found.`);
}

function restockedLevels(req: Req, shop: ShopifyShop, order: ShopifyOrder) {
  const location = shop.locations.find((l) => l.id === order.locationId);
  if (!location) return;
  for (const line of order.lines) {
    const variant = line.variantId === null ? undefined : shop.variants[String(line.variantId)];
    if (variant?.tracked) sendInventoryLevelUpdate(req.sandbox, shop, variant, location);
  }
}

/** POST /_control/shopify/orders/{order_id}/cancel: the merchant cancels (refund and restock by default). */
export const cancelShopifyOrderRoute: Handler = (req) => {
  const found = orderParam(req);
  if ("status" in found) return found;
  const body = parseBody(z.object({ restock: z.boolean().default(true), reason: z.enum(["CUSTOMER", "DECLINED", "FRAUD", "INVENTORY", "OTHER", "STAFF"]).default("CUSTOMER") }), req);
  if (!body.ok) return body.res;
  if (found.order.cancelledAt !== null) return controlError(409, "The order is already cancelled.");
  const refund = cancelOrder(req.sandbox, found.order, { restock: body.value.restock, reason: body.value.reason });
  sendShopifyWebhook(req.sandbox, found.shop, "orders/cancelled", restOrder(found.order));
  if (refund.lines.length) sendShopifyWebhook(req.sandbox, found.shop, "refunds/create", restRefund(found.order, refund));
  if (body.value.restock) restockedLevels(req, found.shop, found.order);
  return json(200, restOrder(found.order));
};

/** POST /_control/shopify/orders/{order_id}/refund: a refund of some lines (by SKU) or all, restocked (return) or not. */
export const refundShopifyOrderRoute: Handler = (req) => {
  const found = orderParam(req);
  if ("status" in found) return found;
  const body = parseBody(z.object({ lines: z.array(z.object({ sku: z.string(), quantity: z.number().int().min(1) })).optional(), restock: z.boolean().default(true) }), req);
  if (!body.ok) return body.res;
  const lines = body.value.lines?.map((l) => ({ lineItemId: found.order.lines.find((x) => x.sku === l.sku)?.id ?? -1, quantity: l.quantity }));
  if (lines?.some((l) => l.lineItemId === -1)) return controlError(400, "lines: a SKU is not on this order.");
  const refund = refundOrder(req.sandbox, found.order, { lines, restockType: body.value.restock ? "RETURN" : "NO_RESTOCK" });
  if (refund.lines.length === 0) return controlError(409, "Nothing left to refund on those lines.");
  sendShopifyWebhook(req.sandbox, found.shop, "refunds/create", restRefund(found.order, refund));
  if (body.value.restock) restockedLevels(req, found.shop, found.order);
  return json(200, restRefund(found.order, refund));
};

function inventoryTarget(req: Req) {
  const shop = shopParam(req, "_none");
  if ("status" in shop) return shop;
  const variant = findVariantBySku(shop, req.params.sku ?? "");
  if (!variant) return controlError(404, `No variant with SKU ${req.params.sku} in ${shop.domain}.`);
  return { shop, variant };
}

function describeLevel(shop: ShopifyShop, sku: string, locationRef: string | null) {
  const variant = findVariantBySku(shop, sku);
  const location = findLocation(shop, locationRef);
  if (!variant || !location) return null;
  return {
    sku,
    inventory_item_id: gid("InventoryItem", variant.inventoryItemId),
    location_id: gid("Location", location.id),
    location: location.name,
    available: variant.levels[String(location.id)] ?? null,
    levels: shop.locations.filter((l) => variant.levels[String(l.id)] !== undefined).map((l) => ({ location_id: gid("Location", l.id), location: l.name, available: variant.levels[String(l.id)] })),
  };
}

/** GET /_control/shopify/inventory/{sku}?shop=&location=: available at a location (the primary one by default). */
export const getShopifyInventoryRoute: Handler = (req) => {
  const t = inventoryTarget(req);
  if ("status" in t) return t;
  const level = describeLevel(t.shop, req.params.sku ?? "", req.query.get("location"));
  return level ? json(200, level) : controlError(404, `Location ${req.query.get("location")} not found.`);
};

/** PATCH /_control/shopify/inventory/{sku}?shop=: the merchant edits available in Shopify admin. */
export const editShopifyInventoryRoute: Handler = (req) => {
  const t = inventoryTarget(req);
  if ("status" in t) return t;
  const body = parseBody(z.object({ available: quantity, location: z.string().optional() }), req);
  if (!body.ok) return body.res;
  const location = findLocation(t.shop, body.value.location ?? req.query.get("location"));
  if (!location) return controlError(404, "Location not found.");
  const current = t.variant.levels[String(location.id)] ?? 0;
  adjustAvailable(req.sandbox, t.shop, t.variant, location.id, body.value.available - current);
  sendInventoryLevelUpdate(req.sandbox, t.shop, t.variant, location);
  return json(200, describeLevel(t.shop, req.params.sku ?? "", String(location.id)));
};

/** POST /_control/shopify/shops/{domain}/uninstall: the merchant removes the app; its token stops working. */
export const uninstallShopifyRoute: Handler = (req) => {
  const shop = shopParam(req);
  if ("status" in shop) return shop;
  uninstallApp(req.sandbox, shop);
  return json(200, { uninstalled: shop.domain });
};

const privacyInput = z.object({
  topic: z.enum(["customers/data_request", "customers/redact", "shop/redact"]),
  customer: z.object({ id: z.number().int(), email: z.string().optional(), phone: z.string().optional() }).optional(),
  orders: z.array(z.number().int()).default([]),
});

/** POST /_control/shopify/shops/{domain}/privacy: Shopify relays a GDPR request (the mandatory compliance webhooks). */
export const shopifyPrivacyRoute: Handler = (req) => {
  const shop = shopParam(req);
  if ("status" in shop) return shop;
  const body = parseBody(privacyInput, req);
  if (!body.ok) return body.res;
  const { topic, customer, orders } = body.value;
  const base = { shop_id: shop.id, shop_domain: shop.domain };
  const customerPart = customer ?? { id: 1, email: "buyer@example.com", phone: null };
  const payload =
    topic === "shop/redact"
      ? base
      : topic === "customers/redact"
        ? { ...base, customer: customerPart, orders_to_redact: orders }
        : { ...base, customer: customerPart, orders_requested: orders, data_request: { id: Date.now() % 1_000_000 } };
  sendShopifyWebhook(req.sandbox, shop, topic, payload);
  return json(202, { topic, payload });
};
