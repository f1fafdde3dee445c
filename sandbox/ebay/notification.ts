import { createSign, randomUUID } from "node:crypto";
import { z } from "zod";
import type { Sandbox } from "../context";
import { json, parseJson, type Handler, type Req, type Res } from "../http";
import { countCall } from "../stats";
import { nowMs, type EbayOrder } from "../state";
import { ebayAdmit, ebayAuthenticate, ebayError } from "./api";

// The part of the Notification API (commerce/notification/v1) an app needs to receive a seller's
// ORDER_CONFIRMATION: createDestination / getDestinations with an application token,
// createSubscription / deleteSubscription with the seller's user token. Notifications go to the
// destination's endpoint, signed in X-EBAY-SIGNATURE like the account-deletion notice.

const BASE = "/ebay/commerce/notification/v1";

function gate(req: Req, operationId: string, allowApplicationToken: boolean): { ok: true; subject: string } | { ok: false; res: Res } {
  const sb = req.sandbox;
  countCall(sb.stats, "ebay", operationId);
  const admitted = ebayAdmit("notification")(sb);
  if (!admitted.ok) {
    sb.stats.ebay.rate_limited += 1;
    return { ok: false, res: admitted.res };
  }
  const auth = ebayAuthenticate(sb, req, allowApplicationToken);
  return auth.ok ? { ok: true, subject: auth.subject ?? "" } : { ok: false, res: auth.res };
}

function body<S extends z.ZodType>(req: Req, schema: S): { ok: true; value: z.infer<S> } | { ok: false; res: Res } {
  const raw = parseJson(req.body);
  const parsed = raw.ok ? schema.safeParse(raw.value) : null;
  if (!parsed?.success) return { ok: false, res: ebayError("notification", 400, "The request has errors. For help, see the documentation for this API.", 195000) };
  return { ok: true, value: parsed.data };
}

const notification = (sb: Sandbox) => {
  sb.state.ebay.destinations ??= {};
  sb.state.ebay.subscriptions ??= {};
  return { destinations: sb.state.ebay.destinations, subscriptions: sb.state.ebay.subscriptions };
};

const destinationInput = z.object({
  name: z.string().min(1),
  status: z.enum(["ENABLED", "DISABLED"]),
  deliveryConfig: z.object({ endpoint: z.url(), verificationToken: z.string().min(32).max(80) }),
});

export const createDestination: Handler = (req) => {
  const g = gate(req, "createDestination", true);
  if (!g.ok) return g.res;
  const b = body(req, destinationInput);
  if (!b.ok) return b.res;
  const { destinations } = notification(req.sandbox);
  if (Object.values(destinations).some((d) => d.endpoint === b.value.deliveryConfig.endpoint))
    return ebayError("notification", 409, "Destination already exists with the same endpoint.", 195025);
  const destinationId = randomUUID();
  destinations[destinationId] = { destinationId, name: b.value.name, endpoint: b.value.deliveryConfig.endpoint, verificationToken: b.value.deliveryConfig.verificationToken, status: b.value.status };
  req.sandbox.changed();
  return { status: 201, headers: { location: `${req.origin}${BASE}/destination/${destinationId}` } };
};

export const getDestinations: Handler = (req) => {
  const g = gate(req, "getDestinations", true);
  if (!g.ok) return g.res;
  const list = Object.values(notification(req.sandbox).destinations).map((d) => ({ destinationId: d.destinationId, name: d.name, status: d.status, deliveryConfig: { endpoint: d.endpoint, verificationToken: d.verificationToken } }));
  return json(200, { total: list.length, destinations: list });
};

const subscriptionInput = z.object({
  topicId: z.string().min(1),
  status: z.enum(["ENABLED", "DISABLED"]),
  destinationId: z.string().min(1),
  payload: z.object({ format: z.literal("JSON"), schemaVersion: z.string(), deliveryProtocol: z.literal("HTTPS") }),
});

// Topics this sandbox publishes to subscribers (MARKETPLACE_ACCOUNT_DELETION is app-level, not subscribed to).
const USER_TOPICS = new Set(["ORDER_CONFIRMATION"]);

export const createSubscription: Handler = (req) => {
  const g = gate(req, "createSubscription", false);
  if (!g.ok) return g.res;
  const b = body(req, subscriptionInput);
  if (!b.ok) return b.res;
  if (!USER_TOPICS.has(b.value.topicId)) return ebayError("notification", 404, `The topic ${b.value.topicId} was not found.`, 195002);
  const { destinations, subscriptions } = notification(req.sandbox);
  if (!destinations[b.value.destinationId]) return ebayError("notification", 404, "The destination was not found.", 195020);
  if (Object.values(subscriptions).some((s) => s.username === g.subject && s.topicId === b.value.topicId))
    return ebayError("notification", 409, "Subscription already exists for this topic.", 195024);
  const subscriptionId = randomUUID();
  subscriptions[subscriptionId] = { subscriptionId, topicId: b.value.topicId, username: g.subject, destinationId: b.value.destinationId, status: b.value.status };
  req.sandbox.changed();
  return { status: 201, headers: { location: `${req.origin}${BASE}/subscription/${subscriptionId}` } };
};

export const deleteSubscription: Handler = (req) => {
  const g = gate(req, "deleteSubscription", false);
  if (!g.ok) return g.res;
  const { subscriptions } = notification(req.sandbox);
  const sub = subscriptions[req.params.subscription_id ?? ""];
  if (!sub || sub.username !== g.subject) return ebayError("notification", 404, "The subscription was not found.", 195021);
  delete subscriptions[sub.subscriptionId];
  req.sandbox.changed();
  return { status: 204 };
};

/** The body signed as eBay signs notifications (ECDSA over the raw body; key id in the header). */
export function ebaySignature(sb: Sandbox, payload: string): string {
  const signature = createSign("sha1").update(payload).sign(sb.notificationKey.privateKey, "base64");
  return Buffer.from(JSON.stringify({ alg: "ECDSA", kid: sb.notificationKey.kid, signature, digest: "SHA1" })).toString("base64");
}

/** One ORDER_CONFIRMATION per line item, to every enabled subscription of the seller. */
export function sendOrderConfirmation(sb: Sandbox, order: EbayOrder): void {
  // Notifications are on only where the sandbox is told the app listens (SANDBOX_WEBHOOK_URL).
  if (!sb.config.webhooks.appUrl) return;
  const { destinations, subscriptions } = notification(sb);
  const seller = sb.state.ebay.sellers[order.username];
  for (const sub of Object.values(subscriptions)) {
    const destination = destinations[sub.destinationId];
    if (sub.username !== order.username || sub.topicId !== "ORDER_CONFIRMATION" || sub.status !== "ENABLED" || destination?.status !== "ENABLED") continue;
    for (const line of order.lineItems) {
      const notificationId = randomUUID();
      const at = new Date(nowMs(sb.state)).toISOString();
      const payload = JSON.stringify({
        metadata: { topic: "ORDER_CONFIRMATION", schemaVersion: "1.0", deprecated: false },
        notification: {
          notificationId,
          eventDate: at,
          publishDate: at,
          publishAttemptCount: 1,
          data: { orderId: order.orderId, lineItemId: line.lineItemId, legacyItemId: line.legacyItemId, sellerId: seller?.userId, username: order.username },
        },
      });
      sb.webhooks.send({ marketplace: "ebay", topic: "ORDER_CONFIRMATION", url: destination.endpoint, id: notificationId, body: payload, sign: (b) => ({ "x-ebay-signature": ebaySignature(sb, b) }) });
    }
  }
}
