import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { z } from "zod";
import { env } from "@/lib/env";
import { errorResponse } from "@/lib/errors";
import { NotificationRejected } from "@/lib/notifications/deliveries";
import type { Notice } from "@/lib/notifications/receive";
import type { WebhookEndpoints } from "../descriptor";

// Etsy webhooks (developers.etsy.com/documentation/essentials/webhooks) follow Standard
// Webhooks: webhook-id, webhook-timestamp and webhook-signature (v1,base64 HMAC-SHA256 over
// "id.timestamp.body" with the app's whsec_ secret). The maintained standardwebhooks library
// checks the signature and refuses timestamps more than 5 minutes off. The payload is thin
// and flat, {event_type, resource_url, shop_id} (Etsy's docs showed a nested `data` that
// real deliveries do not carry: etsy/open-api discussions 1509, 1564).

const HEADERS = ["webhook-id", "webhook-timestamp", "webhook-signature"] as const;

export const etsyWebhookPayload = z.object({
  event_type: z.string().min(1),
  resource_url: z.string().min(1),
  shop_id: z.union([z.number().int().positive(), z.string().regex(/^\d+$/)]),
});
export type EtsyWebhookPayload = z.infer<typeof etsyWebhookPayload>;

/** Verifies a delivery as received (raw body, headers); throws NotificationRejected for anything Etsy did not sign just now. */
export function verifyEtsyWebhook(rawBody: string, headers: Headers): { id: string; payload: EtsyWebhookPayload } {
  const values = Object.fromEntries(HEADERS.map((h) => [h, headers.get(h) ?? ""]));
  const missing = HEADERS.filter((h) => !values[h]);
  if (missing.length > 0) throw new NotificationRejected(400, "unsigned", `Missing ${missing.join(", ")}: not a signed Etsy webhook.`);
  try {
    new Webhook(env().ETSY_WEBHOOK_SECRET).verify(rawBody, values);
  } catch (err) {
    if (!(err instanceof WebhookVerificationError)) throw err;
    if (/timestamp/i.test(err.message)) throw new NotificationRejected(401, "stale", "The webhook timestamp is more than 5 minutes from now: refused as a possible replay.");
    throw new NotificationRejected(401, "bad_signature", "The webhook signature does not match (check ETSY_WEBHOOK_SECRET).");
  }
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    throw new NotificationRejected(400, "malformed", "The webhook body is not JSON.");
  }
  const payload = etsyWebhookPayload.safeParse(body);
  if (!payload.success) throw new NotificationRejected(400, "malformed", "The webhook body is not an Etsy event (event_type, resource_url, shop_id).");
  return { id: values["webhook-id"], payload: payload.data };
}

/** The receipt an order event names: resource_url is .../shops/{shop_id}/receipts/{receipt_id}. Only the id is used, never the URL. */
export function receiptIdOf(payload: EtsyWebhookPayload): string | null {
  if (!payload.event_type.startsWith("order.")) return null;
  return /\/receipts\/(\d+)(?:[/?#]|$)/.exec(payload.resource_url)?.[1] ?? null;
}

/** A verified delivery as the notification pipeline's notice: the receipt it names, of the shop it names. */
export function etsyNotice(rawBody: string, headers: Headers): Notice {
  const { id, payload } = verifyEtsyWebhook(rawBody, headers);
  return { source: "etsy", deliveryId: id, topic: payload.event_type, marketplace: "etsy", account: [String(payload.shop_id)], orderId: receiptIdOf(payload) };
}

export const etsyWebhooks: WebhookEndpoints = {
  // POST /api/webhooks/etsy (order.paid, order.canceled, ...): verify, then queue the receipt for the
  // poll's import path. Answered after it is queued, so a failure is a non-2xx and Etsy retries it.
  "": {
    POST: async (req, { receive }) => {
      try {
        return Response.json(await receive(etsyNotice(await req.text(), req.headers)));
      } catch (err) {
        return errorResponse(err);
      }
    },
  },
};
