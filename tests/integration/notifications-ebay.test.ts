import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as ebayWebhook } from "@/app/api/webhooks/ebay/route";
import { db } from "@/db/client";
import { marketplaceConnections, notificationDeliveries, stockMovements, syncRuns } from "@/db/schema";
import { localDriver } from "@/inngest/local";
import { disconnectConnection } from "@/lib/connections";
import type { RunningSandbox } from "@/sandbox/app";
import { startWebhookEndpoint, type WebhookEndpoint } from "../support/webhook-endpoint";
import { connectShop, ledgerSnapshot, onHand, startEngineSandbox, sync } from "./engine-harness";
import { etsyAvailable, type Control } from "./sandbox-control";
import { makeOrg } from "./sync-fixtures";

// eBay ORDER_CONFIRMATION end to end: connecting an eBay account subscribes it through the
// sandbox's Notification API, the sandbox signs each notification like eBay (X-EBAY-SIGNATURE)
// and sends it to the destination the app registered (its /api/webhooks/ebay on a real port);
// the app reads the order and pushes the sale to Etsy. Disconnecting unsubscribes.

process.env.SCHEDULER = "local";
const driver = localDriver({ pushDebounceMs: 8_000, log: () => {} });

let control: Control;
let sandbox: RunningSandbox;
let endpoint: WebhookEndpoint;

beforeAll(async () => {
  endpoint = await startWebhookEndpoint({ "/api/webhooks/ebay": ebayWebhook });
  // The app's public URL is the endpoint's: eBay's destination and the OAuth callbacks live there.
  process.env.APP_URL = endpoint.url;
  const started = await startEngineSandbox({
    webhooks: { appUrl: endpoint.url, retryDelaysMs: [200, 500] },
    etsy: { redirectUris: [`${endpoint.url}/api/connections/etsy/callback`] },
    ebay: { redirectUrl: `${endpoint.url}/api/connections/ebay/callback` },
  });
  control = started.control;
  sandbox = started.sandbox;
});
afterAll(async () => {
  await driver.stop();
  await sandbox?.close();
  await endpoint?.close();
});

async function shopPair(tag: string) {
  const org = await makeOrg();
  const sku = `EBN-${tag}`;
  const shop = await control.etsyShop({ shop_name: `Ebn${tag}`, listings: [{ title: "Bowl", sku, quantity: 10, price: 30 }] });
  const seller = `ebn${tag}`;
  await control.ebaySeller({ username: seller, items: [{ sku, title: "Bowl", quantity: 10, price: 30 }] });
  const etsy = await connectShop(org.id, "etsy", `Ebn${tag}`);
  const ebay = await connectShop(org.id, "ebay", seller);
  await sync(etsy.id, "orders");
  await sync(ebay.id, "orders");
  await settle();
  return { org, shop, seller, etsy, ebay, sku, listing: shop.listing_ids[0] ?? 0 };
}

async function settle() {
  await sandbox.sandbox.webhooks.idle();
  driver.flushPushes();
  await driver.idle();
}

async function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`${what}: still ${JSON.stringify(v)} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const subscriptionsOf = (username: string) => Object.values(sandbox.sandbox.state.ebay.subscriptions ?? {}).filter((s) => s.username === username);
const deliveriesFor = async (orderId: string) => (await control.deliveries("ebay")).filter((d) => (d.payload as { notification: { data: { orderId: string } } }).notification.data.orderId === orderId);

describe("eBay ORDER_CONFIRMATION notifications against the sandbox", () => {
  it("connecting subscribes; a sale on eBay reaches Etsy before any poll runs; a replayed notification changes nothing", async () => {
    const t = await shopPair(`a${Date.now() % 100000}`);
    const [conn] = await db.select().from(marketplaceConnections).where(eq(marketplaceConnections.id, t.ebay.id));
    expect(subscriptionsOf(t.seller)).toEqual([expect.objectContaining({ topicId: "ORDER_CONFIRMATION", status: "ENABLED", subscriptionId: conn.notificationSubscriptionId })]);

    const [polls] = await db.select({ n: count() }).from(syncRuns).where(and(eq(syncRuns.connectionId, t.ebay.id), eq(syncRuns.kind, "orders")));
    const started = Date.now();
    const { order_id } = await control.ebayOrder(t.seller, { sku: t.sku, quantity: 3 });
    await until("Etsy quantity", async () => etsyAvailable(await control.etsyListing(t.listing), t.sku), (q) => q === 7);
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(await onHand(t.org.id, t.sku)).toBe(7);
    const [pollsAfter] = await db.select({ n: count() }).from(syncRuns).where(and(eq(syncRuns.connectionId, t.ebay.id), eq(syncRuns.kind, "orders")));
    expect(pollsAfter.n).toBe(polls.n);
    const [delivery] = await deliveriesFor(order_id);
    expect(delivery).toMatchObject({ topic: "ORDER_CONFIRMATION", state: "delivered", attempts: [{ status: 200 }] });
    await settle();

    // The same signed notification again (a replay): refused, nothing written; the next poll counts the sale once too.
    const before = await ledgerSnapshot(t.org.id);
    const body = JSON.stringify(delivery.payload);
    const { ebaySignature } = await import("@/sandbox/ebay/notification");
    const replay = await fetch(`${endpoint.url}/api/webhooks/ebay`, { method: "POST", headers: { "content-type": "application/json", "x-ebay-signature": ebaySignature(sandbox.sandbox, body) }, body });
    expect(replay.status).toBe(409);
    await sync(t.ebay.id, "orders");
    expect(await ledgerSnapshot(t.org.id)).toEqual(before);
    const sales = await db.select().from(stockMovements).where(and(eq(stockMovements.orgId, t.org.id), eq(stockMovements.reason, "sale")));
    expect(sales.map((s) => s.delta)).toEqual([-3]);
  }, 60_000);

  it("a notification signed by someone else, or altered, is refused and writes nothing", async () => {
    const t = await shopPair(`b${Date.now() % 100000}`);
    const { order_id } = await control.ebayOrder(t.seller, { sku: t.sku, quantity: 1 });
    await settle();
    const [delivery] = await deliveriesFor(order_id);
    const { ebaySignature } = await import("@/sandbox/ebay/notification");
    const forged = JSON.stringify({ ...(delivery.payload as object), notification: { ...(delivery.payload as { notification: object }).notification, notificationId: "forged-1" } });
    const altered = await fetch(`${endpoint.url}/api/webhooks/ebay`, { method: "POST", headers: { "content-type": "application/json", "x-ebay-signature": ebaySignature(sandbox.sandbox, JSON.stringify(delivery.payload)) }, body: forged });
    expect(altered.status).toBe(412);
    const unsigned = await fetch(`${endpoint.url}/api/webhooks/ebay`, { method: "POST", headers: { "content-type": "application/json" }, body: forged });
    expect(unsigned.status).toBe(412);
    expect(await onHand(t.org.id, t.sku)).toBe(9);
    expect(await db.select().from(notificationDeliveries).where(eq(notificationDeliveries.deliveryId, "forged-1"))).toEqual([]);
  }, 60_000);

  it("disconnecting unsubscribes: later sales send no notification", async () => {
    const t = await shopPair(`c${Date.now() % 100000}`);
    expect(subscriptionsOf(t.seller)).toHaveLength(1);
    const [owner] = await db.select().from(marketplaceConnections).where(eq(marketplaceConnections.id, t.ebay.id));
    await disconnectConnection({ orgId: owner.orgId, userId: "system-test", role: "owner" }, t.ebay.id);
    expect(subscriptionsOf(t.seller)).toEqual([]);
    const [conn] = await db.select().from(marketplaceConnections).where(eq(marketplaceConnections.id, t.ebay.id));
    expect(conn).toMatchObject({ status: "disabled", notificationSubscriptionId: null });
    const { order_id } = await control.ebayOrder(t.seller, { sku: t.sku, quantity: 1 });
    await settle();
    expect(await deliveriesFor(order_id)).toEqual([]);
  }, 60_000);
});
