import { createHmac } from "node:crypto";
import { z } from "zod";
import { safeEqual } from "./oauth";
import { isShopDomain } from "./shop-domain";

// Shopify webhooks: X-Shopify-Hmac-Sha256 is the base64 HMAC-SHA256 of the raw body with the
// app's client secret (verify before parsing: re-serialized JSON would not match), the topic and
// shop in X-Shopify-Topic / X-Shopify-Shop-Domain, and X-Shopify-Webhook-Id, the same on every
// retry, to deduplicate. Payloads are the REST representations; the parsers below keep what
// Stockroom acts on, with Admin GraphQL ids so they meet the polled data.
// shopify.dev/docs/apps/build/webhooks/subscribe/https#step-2-validate-the-origin-of-your-webhook

export const SHOPIFY_WEBHOOK_TOPICS = [
  "orders/create",
  "orders/cancelled",
  "refunds/create",
  "inventory_levels/update",
  "app/uninstalled",
  // The mandatory privacy (compliance) topics every public app must answer.
  "customers/data_request",
  "customers/redact",
  "shop/redact",
] as const;
export type ShopifyWebhookTopic = (typeof SHOPIFY_WEBHOOK_TOPICS)[number];

export function webhookHmac(secret: string, rawBody: string | Buffer): string {
  return createHmac("sha256", secret).update(rawBody).digest("base64");
}

/** Timing-safe check of X-Shopify-Hmac-Sha256 against the raw body. */
export function verifyWebhookHmac(secret: string, rawBody: string | Buffer, header: string | null | undefined): boolean {
  if (!header || !secret) return false;
  return safeEqual(header.trim(), webhookHmac(secret, rawBody));
}

const gidOf = (type: string) => (id: number | string) => (typeof id === "string" && id.startsWith("gid://") ? id : `gid://shopify/${type}/${id}`);
const numericId = z.union([z.number().int(), z.string().regex(/^\d+$/)]);
const customer = z.object({ id: numericId, email: z.string().nullish(), phone: z.string().nullish() }).partial({ email: true, phone: true });

const orderPayload = z.object({ id: numericId, admin_graphql_api_id: z.string().optional(), updated_at: z.string(), cancelled_at: z.string().nullish() });
const refundPayload = z.object({
  id: numericId,
  order_id: numericId,
  created_at: z.string(),
  refund_line_items: z.array(z.object({ line_item_id: numericId, quantity: z.number().int(), restock_type: z.string() })).default([]),
});
const inventoryLevelPayload = z.object({ inventory_item_id: numericId, location_id: numericId, available: z.number().int().nullable(), updated_at: z.string() });
const shopPayload = z.object({ myshopify_domain: z.string(), domain: z.string().optional(), id: numericId.optional() });
const dataRequestPayload = z.object({ shop_domain: z.string(), customer, orders_requested: z.array(numericId).default([]), data_request: z.object({ id: numericId }).optional() });
const customerRedactPayload = z.object({ shop_domain: z.string(), customer, orders_to_redact: z.array(numericId).default([]) });
const shopRedactPayload = z.object({ shop_domain: z.string() });

export type ShopifyEvent =
  | { kind: "order"; topic: "orders/create" | "orders/cancelled"; orderId: string; updatedAt: Date; cancelled: boolean }
  | { kind: "refund"; orderId: string; refundId: string; createdAt: Date; lines: { lineItemId: string; quantity: number; restocked: boolean }[] }
  | { kind: "inventory_level"; inventoryItemId: string; locationId: string; available: number | null; updatedAt: Date }
  | { kind: "uninstalled"; shop: string }
  | { kind: "customers_data_request"; shop: string; customerId: string; orderIds: string[]; requestId: string | null }
  | { kind: "customers_redact"; shop: string; customerId: string; orderIds: string[] }
  | { kind: "shop_redact"; shop: string };

export type ParseResult = { ok: true; event: ShopifyEvent } | { ok: false; reason: string };

/** The event a verified webhook carries; a payload that does not have its topic's shape is refused, not guessed at. */
export function parseShopifyWebhook(topic: string, payload: unknown): ParseResult {
  const fail = (reason: string): ParseResult => ({ ok: false, reason });
  const order = gidOf("Order");
  switch (topic) {
    case "orders/create":
    case "orders/cancelled": {
      const p = orderPayload.safeParse(payload);
      if (!p.success) return fail(`${topic}: ${p.error.issues[0]?.message}`);
      return { ok: true, event: { kind: "order", topic, orderId: p.data.admin_graphql_api_id ?? order(p.data.id), updatedAt: new Date(p.data.updated_at), cancelled: Boolean(p.data.cancelled_at) } };
    }
    case "refunds/create": {
      const p = refundPayload.safeParse(payload);
      if (!p.success) return fail(`${topic}: ${p.error.issues[0]?.message}`);
      return {
        ok: true,
        event: {
          kind: "refund",
          orderId: order(p.data.order_id),
          refundId: gidOf("Refund")(p.data.id),
          createdAt: new Date(p.data.created_at),
          lines: p.data.refund_line_items.map((l) => ({ lineItemId: gidOf("LineItem")(l.line_item_id), quantity: l.quantity, restocked: l.restock_type !== "no_restock" })),
        },
      };
    }
    case "inventory_levels/update": {
      const p = inventoryLevelPayload.safeParse(payload);
      if (!p.success) return fail(`${topic}: ${p.error.issues[0]?.message}`);
      return { ok: true, event: { kind: "inventory_level", inventoryItemId: gidOf("InventoryItem")(p.data.inventory_item_id), locationId: gidOf("Location")(p.data.location_id), available: p.data.available, updatedAt: new Date(p.data.updated_at) } };
    }
    case "app/uninstalled": {
      const p = shopPayload.safeParse(payload);
      if (!p.success || !isShopDomain(p.data.myshopify_domain)) return fail(`${topic}: no myshopify domain`);
      return { ok: true, event: { kind: "uninstalled", shop: p.data.myshopify_domain } };
    }
    case "customers/data_request": {
      const p = dataRequestPayload.safeParse(payload);
      if (!p.success || !isShopDomain(p.data.shop_domain)) return fail(`${topic}: unexpected payload`);
      return { ok: true, event: { kind: "customers_data_request", shop: p.data.shop_domain, customerId: gidOf("Customer")(p.data.customer.id), orderIds: p.data.orders_requested.map(order), requestId: p.data.data_request ? String(p.data.data_request.id) : null } };
    }
    case "customers/redact": {
      const p = customerRedactPayload.safeParse(payload);
      if (!p.success || !isShopDomain(p.data.shop_domain)) return fail(`${topic}: unexpected payload`);
      return { ok: true, event: { kind: "customers_redact", shop: p.data.shop_domain, customerId: gidOf("Customer")(p.data.customer.id), orderIds: p.data.orders_to_redact.map(order) } };
    }
    case "shop/redact": {
      const p = shopRedactPayload.safeParse(payload);
      if (!p.success || !isShopDomain(p.data.shop_domain)) return fail(`${topic}: unexpected payload`);
      return { ok: true, event: { kind: "shop_redact", shop: p.data.shop_domain } };
    }
    default:
      return fail(`Stockroom does not subscribe to ${topic}.`);
  }
}

/**
 * REST payloads carry ids as JSON numbers, and Shopify's can pass 2^53 (JSON.parse would round
 * them to another id): ids and id lists are read as strings before parsing. Only values of id
 * fields are touched; a number inside a string value is never preceded by `"…id":`.
 */
export function protectLargeIds(raw: string): string {
  return raw
    .replace(/("(?:[a-z_]*_)?id"\s*:\s*)(\d{16,})/g, '$1"$2"')
    .replace(/("(?:orders_requested|orders_to_redact)"\s*:\s*\[)([\d,\s]*)\]/g, (_m, head: string, list: string) => `${head}${list.split(",").map((n) => n.trim()).filter(Boolean).map((n) => `"${n}"`).join(",")}]`);
}

export type WebhookDelivery = { webhookId: string; shop: string; topic: string; event: ShopifyEvent };

/**
 * Verifies and parses one delivery. `status` says what to answer Shopify: 401 for a bad
 * signature (a forgery is not retried into success), 400 for a payload we cannot read.
 */
export function readShopifyWebhook(secret: string, headers: Headers, rawBody: string): { ok: true; delivery: WebhookDelivery } | { ok: false; status: 400 | 401; reason: string } {
  if (!verifyWebhookHmac(secret, rawBody, headers.get("x-shopify-hmac-sha256"))) return { ok: false, status: 401, reason: "X-Shopify-Hmac-Sha256 does not match the body." };
  const topic = headers.get("x-shopify-topic") ?? "";
  const shop = headers.get("x-shopify-shop-domain") ?? "";
  const webhookId = headers.get("x-shopify-webhook-id") ?? "";
  if (!isShopDomain(shop) || !webhookId) return { ok: false, status: 400, reason: "The delivery lacks a myshopify shop domain or a webhook id." };
  let payload: unknown;
  try {
    payload = JSON.parse(protectLargeIds(rawBody));
  } catch {
    return { ok: false, status: 400, reason: "The body is not JSON." };
  }
  const parsed = parseShopifyWebhook(topic, payload);
  return parsed.ok ? { ok: true, delivery: { webhookId, shop, topic, event: parsed.event } } : { ok: false, status: 400, reason: parsed.reason };
}
