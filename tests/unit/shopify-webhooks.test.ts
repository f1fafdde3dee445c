import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseShopifyWebhook, readShopifyWebhook, verifyWebhookHmac, webhookHmac } from "@/lib/marketplaces/shopify";

// X-Shopify-Hmac-Sha256 is the base64 HMAC-SHA256 of the raw body with the app secret; the
// topic parsers turn the REST payloads into the events Stockroom acts on.

const secret = "app-secret";
const body = '{"id":820982911946154508,"admin_graphql_api_id":"gid://shopify/Order/820982911946154508","updated_at":"2026-11-30T10:00:00-05:00","cancelled_at":null}';
const headersFor = (raw: string, over: Record<string, string> = {}) =>
  new Headers({ "x-shopify-hmac-sha256": webhookHmac(secret, raw), "x-shopify-topic": "orders/create", "x-shopify-shop-domain": "north.myshopify.com", "x-shopify-webhook-id": "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043", ...over });

describe("webhook signature", () => {
  it("is the base64 HMAC-SHA256 of the raw body", () => {
    expect(webhookHmac(secret, body)).toBe(createHmac("sha256", secret).update(body).digest("base64"));
    expect(verifyWebhookHmac(secret, body, webhookHmac(secret, body))).toBe(true);
    expect(verifyWebhookHmac(secret, Buffer.from(body), webhookHmac(secret, body))).toBe(true);
  });

  it("refuses a tampered body, another secret, a re-serialized body, no header", () => {
    const sig = webhookHmac(secret, body);
    expect(verifyWebhookHmac(secret, body.replace("null", '"2026-11-30"'), sig)).toBe(false);
    expect(verifyWebhookHmac("other-secret", body, sig)).toBe(false);
    expect(verifyWebhookHmac(secret, JSON.stringify(JSON.parse(body), null, 1), sig)).toBe(false);
    expect(verifyWebhookHmac(secret, body, null)).toBe(false);
    expect(verifyWebhookHmac(secret, body, "short")).toBe(false);
    expect(verifyWebhookHmac("", body, webhookHmac("", body))).toBe(false);
  });

  it("a delivery is read only when signed, from a myshopify shop, with a webhook id", () => {
    expect(readShopifyWebhook(secret, headersFor(body), body)).toMatchObject({ ok: true, delivery: { shop: "north.myshopify.com", topic: "orders/create", event: { kind: "order", orderId: "gid://shopify/Order/820982911946154508" } } });
    expect(readShopifyWebhook("wrong", headersFor(body), body)).toMatchObject({ ok: false, status: 401 });
    expect(readShopifyWebhook(secret, headersFor(body, { "x-shopify-shop-domain": "evil.com" }), body)).toMatchObject({ ok: false, status: 400 });
    expect(readShopifyWebhook(secret, headersFor(body, { "x-shopify-topic": "products/delete" }), body)).toMatchObject({ ok: false, status: 400 });
  });
});

describe("topic parsers", () => {
  it("keeps ids past 2^53 exact (JSON.parse alone would round them)", () => {
    const raw = '{"inventory_item_id":271878346596884015,"location_id":24826418,"available":6,"updated_at":"2026-11-30T10:00:00Z","note":"id\\":12345678901234567890"}';
    const read = readShopifyWebhook(secret, headersFor(raw, { "x-shopify-topic": "inventory_levels/update" }), raw);
    expect(read).toMatchObject({ ok: true, delivery: { event: { inventoryItemId: "gid://shopify/InventoryItem/271878346596884015" } } });
    const big = '{"shop_domain":"north.myshopify.com","customer":{"id":191167},"orders_to_redact":[299938, 8209829119461545081]}';
    expect(readShopifyWebhook(secret, headersFor(big, { "x-shopify-topic": "customers/redact" }), big)).toMatchObject({ ok: true, delivery: { event: { orderIds: ["gid://shopify/Order/299938", "gid://shopify/Order/8209829119461545081"] } } });
  });

  it.each([
    ["orders/cancelled", { id: 5, updated_at: "2026-11-30T10:00:00Z", cancelled_at: "2026-11-30T10:00:00Z" }, { kind: "order", orderId: "gid://shopify/Order/5", cancelled: true }],
    [
      "refunds/create",
      { id: 9, order_id: 5, created_at: "2026-11-30T10:00:00Z", refund_line_items: [{ line_item_id: 77, quantity: 2, restock_type: "return" }, { line_item_id: 78, quantity: 1, restock_type: "no_restock" }] },
      { kind: "refund", orderId: "gid://shopify/Order/5", lines: [{ lineItemId: "gid://shopify/LineItem/77", quantity: 2, restocked: true }, { lineItemId: "gid://shopify/LineItem/78", quantity: 1, restocked: false }] },
    ],
    ["inventory_levels/update", { inventory_item_id: 46000000000001, location_id: 24826418, available: 6, updated_at: "2026-11-30T10:00:00Z" }, { kind: "inventory_level", locationId: "gid://shopify/Location/24826418", available: 6 }],
    ["app/uninstalled", { id: 548380009, myshopify_domain: "north.myshopify.com", domain: "north.example" }, { kind: "uninstalled", shop: "north.myshopify.com" }],
    [
      "customers/data_request",
      { shop_id: 954889, shop_domain: "north.myshopify.com", orders_requested: [299938, 280263], customer: { id: 191167, email: "john@example.com", phone: "555-625-1199" }, data_request: { id: 9999 } },
      { kind: "customers_data_request", customerId: "gid://shopify/Customer/191167", orderIds: ["gid://shopify/Order/299938", "gid://shopify/Order/280263"], requestId: "9999" },
    ],
    ["customers/redact", { shop_id: 954889, shop_domain: "north.myshopify.com", customer: { id: 191167 }, orders_to_redact: [299938] }, { kind: "customers_redact", orderIds: ["gid://shopify/Order/299938"] }],
    ["shop/redact", { shop_id: 954889, shop_domain: "north.myshopify.com" }, { kind: "shop_redact", shop: "north.myshopify.com" }],
  ])("%s", (topic, payload, event) => {
    expect(parseShopifyWebhook(topic, payload)).toMatchObject({ ok: true, event });
  });

  it("refuses payloads without their topic's shape instead of guessing", () => {
    expect(parseShopifyWebhook("orders/create", { name: "#1001" }).ok).toBe(false);
    expect(parseShopifyWebhook("shop/redact", { shop_domain: "evil.com" }).ok).toBe(false);
    expect(parseShopifyWebhook("app/uninstalled", { myshopify_domain: "north.myshopify.com.evil.com" }).ok).toBe(false);
  });
});
