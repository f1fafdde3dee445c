import { createHmac, randomUUID } from "node:crypto";
import type { Sandbox } from "../context";
import { nowMs } from "../state";
import { SHOPIFY_SANDBOX_API_VERSION } from "./schema";
import { gid, refundedQuantity, type ShopifyLocation, type ShopifyOrder, type ShopifyRefund, type ShopifyShop, type ShopifyVariant } from "./store";

// Webhooks as Shopify sends them (shopify.dev/docs/apps/build/webhooks): a POST of the REST
// representation of the resource, X-Shopify-Hmac-Sha256 = base64 HMAC-SHA256 of the raw body
// with the app's client secret, and X-Shopify-Topic / -Shop-Domain / -Webhook-Id /
// -Event-Id / -Triggered-At / -API-Version. Delivered to `${appUrl}/api/webhooks/shopify`
// for shops that have the app installed (subscriptions declared in the app's config), with
// the retries and faults of sandbox/webhooks.ts.

export type ShopifyTopic =
  | "orders/create"
  | "orders/cancelled"
  | "refunds/create"
  | "inventory_levels/update"
  | "app/uninstalled"
  | "customers/data_request"
  | "customers/redact"
  | "shop/redact";

export function shopifyWebhookHmac(secret: string, body: string): string {
  return createHmac("sha256", secret).update(body, "utf8").digest("base64");
}

/** The app holds a live token for the shop: it is installed. */
export function appInstalled(sb: Sandbox, domain: string): boolean {
  return Object.values(sb.state.oauth.tokens).some((t) => t.marketplace === "shopify" && t.subject === domain && !t.revoked);
}

/** Sends one webhook; compliance topics go out whether or not the app is still installed (they come after uninstalling). */
export function sendShopifyWebhook(sb: Sandbox, shop: ShopifyShop, topic: ShopifyTopic, payload: unknown): void {
  const base = sb.config.webhooks.appUrl;
  const compliance = topic === "customers/data_request" || topic === "customers/redact" || topic === "shop/redact";
  if (!base || (!compliance && topic !== "app/uninstalled" && !appInstalled(sb, shop.domain))) return;
  const id = randomUUID();
  const eventId = randomUUID();
  const body = JSON.stringify(payload);
  sb.webhooks.send({
    marketplace: "shopify",
    topic,
    url: `${base}/api/webhooks/shopify`,
    id,
    body,
    // The same webhook id on every retry (that is how receivers deduplicate); signed over the exact bytes sent.
    sign: (b) => ({
      "x-shopify-topic": topic,
      "x-shopify-hmac-sha256": shopifyWebhookHmac(sb.config.shopify.apiSecret, b),
      "x-shopify-shop-domain": shop.domain,
      "x-shopify-api-version": SHOPIFY_SANDBOX_API_VERSION,
      "x-shopify-webhook-id": id,
      "x-shopify-event-id": eventId,
      "x-shopify-triggered-at": new Date(nowMs(sb.state)).toISOString(),
    }),
  });
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function restOrder(order: ShopifyOrder) {
  return {
    id: order.id,
    admin_graphql_api_id: gid("Order", order.id),
    name: `#${order.number}`,
    order_number: order.number,
    created_at: iso(order.createdAt),
    updated_at: iso(order.updatedAt),
    cancelled_at: iso(order.cancelledAt),
    cancel_reason: order.cancelReason,
    currency: order.currency,
    financial_status: order.refunds.length ? "refunded" : "paid",
    total_price: order.lines.reduce((n, l) => n + Number(l.price) * l.quantity, 0).toFixed(2),
    line_items: order.lines.map((l) => ({
      id: l.id,
      admin_graphql_api_id: gid("LineItem", l.id),
      variant_id: l.variantId,
      product_id: l.productId,
      sku: l.sku,
      title: l.title,
      variant_title: l.variantTitle,
      quantity: l.quantity,
      current_quantity: l.quantity - refundedQuantity(order, l.id),
      price: l.price,
    })),
    refunds: order.refunds.map((r) => restRefund(order, r)),
  };
}

export function restRefund(order: ShopifyOrder, refund: ShopifyRefund) {
  return {
    id: refund.id,
    admin_graphql_api_id: gid("Refund", refund.id),
    order_id: order.id,
    created_at: iso(refund.createdAt),
    restock: refund.lines.some((l) => l.restockType !== "NO_RESTOCK"),
    refund_line_items: refund.lines.map((l, i) => ({
      id: refund.id * 10 + i,
      line_item_id: l.lineItemId,
      quantity: l.quantity,
      restock_type: l.restockType.toLowerCase(),
      location_id: l.locationId,
    })),
  };
}

export function sendInventoryLevelUpdate(sb: Sandbox, shop: ShopifyShop, variant: ShopifyVariant, location: ShopifyLocation): void {
  sendShopifyWebhook(sb, shop, "inventory_levels/update", {
    inventory_item_id: variant.inventoryItemId,
    location_id: location.id,
    available: variant.levels[String(location.id)] ?? 0,
    updated_at: iso(variant.updatedAt),
    admin_graphql_api_id: `gid://shopify/InventoryLevel/${variant.inventoryItemId}?inventory_item_id=${variant.inventoryItemId}&location_id=${location.id}`,
  });
}

export function restShop(shop: ShopifyShop) {
  return { id: shop.id, name: shop.name, email: shop.email, domain: shop.domain, myshopify_domain: shop.domain, currency: shop.currency };
}
