import { eraseCustomerOrders, eraseStoreData, markUninstalled } from "@/lib/connections/store-lifecycle";
import { releaseDelivery } from "@/lib/notifications/deliveries";
import type { Notice, NotificationOutcome } from "@/lib/notifications/receive";
import type { WebhookEndpoints } from "../descriptor";
import { shopifyApp } from "./app";
import type { WebhookDelivery } from "./webhooks";

// POST /api/webhooks/shopify: every topic Stockroom subscribes to (./webhooks.ts), verified
// with X-Shopify-Hmac-Sha256 over the raw body before anything is parsed. Each delivery is
// claimed by X-Shopify-Webhook-Id through the one notification pipeline first, so a retry does
// nothing twice. Shopify retries anything but a 2xx answered within 5 seconds: orders and stock
// changes only queue work here; the store's lifecycle topics are single statements.
// shopify.dev/docs/apps/build/webhooks/subscribe/https

/** What a delivery means to the pipeline: the order to read, or the item whose stock moved. */
function noticeOf(d: WebhookDelivery): Notice {
  const base = { source: "shopify" as const, deliveryId: d.webhookId, topic: d.topic, marketplace: "shopify" as const, account: [d.shop], orderId: null };
  switch (d.event.kind) {
    case "order":
    case "refund":
      // A refund restocks through its order: the order as it is now carries the refunded lines.
      return { ...base, orderId: d.event.orderId };
    case "inventory_level":
      return { ...base, stockChanged: { externalOfferId: d.event.inventoryItemId, quantity: d.event.available, locationId: d.event.locationId } };
    default:
      return base;
  }
}

/**
 * What Stockroom holds of a store, as the answer to Shopify's privacy topics says it. Stockroom
 * keeps no customer records: an order keeps the buyer's name as Shopify gave it and the order
 * as read; quantities and stock movements are the seller's own records.
 */
const DATA_HELD = "Stockroom keeps, per order it imported from this store, the buyer's name and the order as Shopify sent it; no email, address or phone.";

async function act(d: WebhookDelivery): Promise<Record<string, unknown>> {
  const e = d.event;
  switch (e.kind) {
    case "uninstalled":
      return { uninstalled: (await markUninstalled("shopify", e.shop)) !== null };
    case "customers_data_request":
      // The merchant answers their customer; what we hold is the buyer name on those orders, visible to them in Sales.
      return { held: DATA_HELD, orders: e.orderIds.length };
    case "customers_redact":
      return { held: DATA_HELD, ...(await eraseCustomerOrders("shopify", e.shop, e.orderIds)) };
    case "shop_redact":
      return { held: DATA_HELD, ...(await eraseStoreData("shopify", e.shop)) };
    default:
      return {};
  }
}

export const shopifyWebhooks: WebhookEndpoints = {
  "": {
    POST: async (req, { receive }) => {
      const read = shopifyApp().readWebhook(req.headers, await req.text());
      if (!read.ok) return Response.json({ error: { code: read.status === 401 ? "bad_signature" : "malformed", message: read.reason } }, { status: read.status });
      const outcome: NotificationOutcome = await receive(noticeOf(read.delivery));
      if (outcome.status === "duplicate") return Response.json(outcome);
      try {
        return Response.json({ ...outcome, ...(await act(read.delivery)) });
      } catch (err) {
        // Claimed but not done: let Shopify's retry of the same id through.
        await releaseDelivery("shopify", read.delivery.webhookId);
        throw err;
      }
    },
  },
};
