import type { Sandbox } from "../context";
import { nextId, nowMs, type SandboxState } from "../state";

// The Shopify emulator's state and the changes a shop goes through (a sale, a cancellation,
// a refund, an edit in Shopify admin). Plain JSON (SANDBOX_DATA persists it); the GraphQL
// resolvers (./resolvers.ts) and the control API (../control/shopify.ts) present it.

export type ShopifyLocation = { id: number; name: string; primary: boolean; active: boolean };

/** A variant and its inventory item (one each in Shopify); `levels`: available by location id, where stocked. */
export type ShopifyVariant = {
  id: number;
  productId: number;
  title: string;
  sku: string;
  price: string;
  position: number;
  inventoryItemId: number;
  tracked: boolean;
  levels: Record<string, number>;
  updatedAt: number;
};

export type ShopifyProductStatus = "ACTIVE" | "DRAFT" | "ARCHIVED";

export type ShopifyProduct = { id: number; title: string; handle: string; status: ShopifyProductStatus; createdAt: number; updatedAt: number; variantIds: number[] };

export type ShopifyLineItem = { id: number; variantId: number | null; productId: number | null; sku: string | null; title: string; variantTitle: string | null; quantity: number; price: string };

export type RestockType = "NO_RESTOCK" | "CANCEL" | "RETURN";
export type ShopifyRefund = { id: number; createdAt: number; lines: { lineItemId: number; quantity: number; restockType: RestockType; locationId: number | null }[] };

export type ShopifyOrder = {
  id: number;
  shop: string;
  number: number;
  createdAt: number;
  updatedAt: number;
  cancelledAt: number | null;
  cancelReason: string | null;
  currency: string;
  /** Where the sale took its stock from. */
  locationId: number;
  lines: ShopifyLineItem[];
  refunds: ShopifyRefund[];
};

export type ShopifyShop = {
  id: number;
  domain: string;
  name: string;
  email: string;
  currency: string;
  createdAt: number;
  locations: ShopifyLocation[];
  products: Record<string, ShopifyProduct>;
  variants: Record<string, ShopifyVariant>;
  /** inventory item id -> variant id. */
  inventoryItems: Record<string, number>;
  orderCount: number;
};

/** What an idempotent mutation answered, by key: a retry with the same key gets the same answer. */
export type IdempotentResult = { shop: string; fingerprint: string; response: unknown; at: number };

export type ShopifyState = { shops: Record<string, ShopifyShop>; orders: Record<string, ShopifyOrder>; idempotency: Record<string, IdempotentResult> };

export function emptyShopifyState(): ShopifyState {
  return { shops: {}, orders: {}, idempotency: {} };
}

/** The Shopify part of the state (absent in files saved before it existed). */
export function shopifyState(state: SandboxState): ShopifyState {
  state.shopify ??= emptyShopifyState();
  return state.shopify;
}

export const gid = (type: string, id: number) => `gid://shopify/${type}/${id}`;

/** The numeric id of a gid of this type (or of a bare number); null for anything else. */
export function parseGid(type: string, value: string | number | null | undefined): number | null {
  if (typeof value === "number") return Number.isInteger(value) ? value : null;
  const m = String(value ?? "").match(new RegExp(`^(?:gid://shopify/${type}/)?(\\d+)$`));
  return m ? Number(m[1]) : null;
}

export type NewVariant = { title?: string; sku?: string; price?: number; tracked?: boolean; quantities?: Record<string, number>; quantity?: number };
export type NewProduct = { title: string; status?: ShopifyProductStatus; variants?: NewVariant[] };
export type NewShop = { domain: string; name?: string; email?: string; currency?: string; locations?: { name: string }[]; products?: NewProduct[] };

export function createShop(sb: Sandbox, input: NewShop): ShopifyShop {
  const state = sb.state;
  const now = nowMs(state);
  const names = input.locations?.length ? input.locations.map((l) => l.name) : ["Shop location"];
  const shop: ShopifyShop = {
    id: nextId(state, "shopifyShop"),
    domain: input.domain,
    name: input.name ?? input.domain.replace(/\.myshopify\.com$/, ""),
    email: input.email ?? `owner@${input.domain}`,
    currency: input.currency ?? "USD",
    createdAt: now,
    // The first location is the primary one, as the first location of a new shop is.
    locations: names.map((name, i) => ({ id: nextId(state, "shopifyLocation"), name, primary: i === 0, active: true })),
    products: {},
    variants: {},
    inventoryItems: {},
    orderCount: 0,
  };
  shopifyState(state).shops[shop.domain] = shop;
  for (const p of input.products ?? []) addProduct(sb, shop, p);
  sb.changed();
  return shop;
}

/** A location by name or id; the primary one when neither is given. */
export function findLocation(shop: ShopifyShop, ref?: string | number | null): ShopifyLocation | null {
  if (ref === undefined || ref === null || ref === "") return shop.locations.find((l) => l.primary) ?? null;
  const id = parseGid("Location", ref);
  return shop.locations.find((l) => l.id === id || l.name === String(ref)) ?? null;
}

export function addProduct(sb: Sandbox, shop: ShopifyShop, input: NewProduct): ShopifyProduct {
  const state = sb.state;
  const now = nowMs(state);
  const id = nextId(state, "shopifyProduct");
  const handle = `${input.title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}-${id % 100_000}`;
  const product: ShopifyProduct = { id, title: input.title, handle, status: input.status ?? "ACTIVE", createdAt: now, updatedAt: now, variantIds: [] };
  const variants = input.variants?.length ? input.variants : [{}];
  variants.forEach((v, i) => {
    const variant: ShopifyVariant = {
      id: nextId(state, "shopifyVariant"),
      productId: id,
      title: v.title ?? "Default Title",
      sku: v.sku ?? "",
      price: (v.price ?? 10).toFixed(2),
      position: i + 1,
      inventoryItemId: nextId(state, "shopifyInventoryItem"),
      tracked: v.tracked ?? true,
      levels: initialLevels(shop, v),
      updatedAt: now,
    };
    shop.variants[String(variant.id)] = variant;
    shop.inventoryItems[String(variant.inventoryItemId)] = variant.id;
    product.variantIds.push(variant.id);
  });
  shop.products[String(id)] = product;
  return product;
}

/** Stocked at the primary location (`quantity`), or at the named locations (`quantities`). */
function initialLevels(shop: ShopifyShop, v: NewVariant): Record<string, number> {
  if (v.quantities) {
    const levels: Record<string, number> = {};
    for (const [name, q] of Object.entries(v.quantities)) {
      const loc = findLocation(shop, name);
      if (!loc) throw new Error(`Unknown location ${name}`);
      levels[String(loc.id)] = q;
    }
    return levels;
  }
  const primary = findLocation(shop);
  return primary ? { [String(primary.id)]: v.quantity ?? 0 } : {};
}

export function findVariantBySku(shop: ShopifyShop, sku: string): ShopifyVariant | null {
  return Object.values(shop.variants).find((v) => v.sku === sku) ?? null;
}

export function variantByInventoryItem(shop: ShopifyShop, inventoryItemId: number): ShopifyVariant | null {
  const variantId = shop.inventoryItems[String(inventoryItemId)];
  return variantId === undefined ? null : (shop.variants[String(variantId)] ?? null);
}

/** Moves the available quantity; the variant and product count as updated. */
export function adjustAvailable(sb: Sandbox, shop: ShopifyShop, variant: ShopifyVariant, locationId: number, delta: number): number {
  const key = String(locationId);
  const now = nowMs(sb.state);
  variant.levels[key] = (variant.levels[key] ?? 0) + delta;
  variant.updatedAt = now;
  const product = shop.products[String(variant.productId)];
  if (product) product.updatedAt = now;
  sb.changed();
  return variant.levels[key];
}

export type SaleLine = { sku: string; quantity: number; price?: number };

/** A buyer checks out: Shopify takes the stock from the location when the order is placed. */
export function placeOrder(sb: Sandbox, shop: ShopifyShop, lines: SaleLine[], location: ShopifyLocation): ShopifyOrder | { error: string } {
  const found = lines.map((l) => ({ line: l, variant: findVariantBySku(shop, l.sku) }));
  const missing = found.find((f) => !f.variant);
  if (missing) return { error: `No variant with SKU ${missing.line.sku} in ${shop.domain}.` };
  const now = nowMs(sb.state);
  shop.orderCount += 1;
  const order: ShopifyOrder = {
    id: nextId(sb.state, "shopifyOrder"),
    shop: shop.domain,
    number: 1000 + shop.orderCount,
    createdAt: now,
    updatedAt: now,
    cancelledAt: null,
    cancelReason: null,
    currency: shop.currency,
    locationId: location.id,
    lines: found.map(({ line, variant }) => {
      const v = variant as ShopifyVariant;
      const product = shop.products[String(v.productId)];
      if (v.tracked) adjustAvailable(sb, shop, v, location.id, -line.quantity);
      return { id: nextId(sb.state, "shopifyLineItem"), variantId: v.id, productId: v.productId, sku: v.sku || null, title: product?.title ?? "Item", variantTitle: v.title === "Default Title" ? null : v.title, quantity: line.quantity, price: (line.price ?? Number(v.price)).toFixed(2) };
    }),
    refunds: [],
  };
  shopifyState(sb.state).orders[String(order.id)] = order;
  sb.changed();
  return order;
}

/** Refunds lines (all of them when `lines` is absent); a restock puts the units back where they were sold from. */
export function refundOrder(sb: Sandbox, order: ShopifyOrder, opts: { lines?: { lineItemId: number; quantity: number }[]; restockType: RestockType }): ShopifyRefund {
  const shop = shopifyState(sb.state).shops[order.shop];
  const now = nowMs(sb.state);
  const wanted = opts.lines ?? order.lines.map((l) => ({ lineItemId: l.id, quantity: l.quantity - refundedQuantity(order, l.id) }));
  const refund: ShopifyRefund = { id: nextId(sb.state, "shopifyRefund"), createdAt: now, lines: [] };
  for (const w of wanted) {
    const line = order.lines.find((l) => l.id === w.lineItemId);
    const quantity = Math.min(w.quantity, line ? line.quantity - refundedQuantity(order, line.id) : 0);
    if (!line || quantity <= 0) continue;
    const restocks = opts.restockType !== "NO_RESTOCK";
    refund.lines.push({ lineItemId: line.id, quantity, restockType: opts.restockType, locationId: restocks ? order.locationId : null });
    const variant = line.variantId === null ? null : shop?.variants[String(line.variantId)];
    if (restocks && shop && variant?.tracked) adjustAvailable(sb, shop, variant, order.locationId, quantity);
  }
  order.refunds.push(refund);
  order.updatedAt = now;
  sb.changed();
  return refund;
}

export function refundedQuantity(order: ShopifyOrder, lineItemId: number): number {
  return order.refunds.flatMap((r) => r.lines).filter((l) => l.lineItemId === lineItemId).reduce((n, l) => n + l.quantity, 0);
}

/** orderCancel: the order is cancelled, refunded, and (by default) its units restocked. */
export function cancelOrder(sb: Sandbox, order: ShopifyOrder, opts: { restock: boolean; reason: string }): ShopifyRefund {
  const now = nowMs(sb.state);
  order.cancelledAt = now;
  order.cancelReason = opts.reason;
  return refundOrder(sb, order, { restockType: opts.restock ? "CANCEL" : "NO_RESTOCK" });
}
