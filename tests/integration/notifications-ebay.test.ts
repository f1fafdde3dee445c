import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as ebayPlatformWebhook } from "@/app/api/webhooks/[marketplace]/[[...path]]/route";
import { POST as ebayWebhook } from "@/app/api/webhooks/[marketplace]/[[...path]]/route";
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
  endpoint = await startWebhookEndpoint({ "/api/webhooks/ebay": ebayWebhook, "/api/webhooks/ebay/platform": ebayPlatformWebhook });
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
const deliveriesFor = async (orderId: string) =>
  (await control.deliveries("ebay")).filter((d) => d.topic === "ORDER_CONFIRMATION" && (d.payload as { notification: { data: { orderId: string } } }).notification.data.orderId === orderId);
const platformDeliveriesFor = async (orderId: string) => (await control.deliveries("ebay")).filter((d) => d.topic === "FixedPriceTransaction" && String(d.payload).includes(`<OrderID>${orderId}</OrderID>`));
const postPlatform = (body: string) => fetch(`${endpoint.url}/api/webhooks/ebay/platform`, { method: "POST", headers: { "content-type": "text/xml" }, body });

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

    // The same signed notification again (a replay): acknowledged as a duplicate, nothing written; the next poll counts the sale once too.
    const before = await ledgerSnapshot(t.org.id);
    const body = JSON.stringify(delivery.payload);
    const { ebaySignature } = await import("@/sandbox/ebay/notification");
    const replay = await fetch(`${endpoint.url}/api/webhooks/ebay`, { method: "POST", headers: { "content-type": "application/json", "x-ebay-signature": ebaySignature(sandbox.sandbox, body) }, body });
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ status: "duplicate", deliveryId: expect.any(String) });
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

  it("Seller Hub sales arrive as signed FixedPriceTransaction platform notifications, set up on connect, counted once with ORDER_CONFIRMATION", async () => {
    const tag = `h${Date.now() % 100000}`;
    const org = await makeOrg();
    const sku = `HUB-${tag}`;
    const shop = await control.etsyShop({ shop_name: `Hub${tag}`, listings: [{ title: "Scarf", sku, quantity: 10, price: 25 }] });
    const seller = `hub${tag}`;
    const { item_ids } = await control.ebaySeller({ username: seller, items: 0, trading_listings: [{ title: "Scarf", sku, quantity: 10, price: 25 }] });
    const etsy = await connectShop(org.id, "etsy", `Hub${tag}`);
    const ebay = await connectShop(org.id, "ebay", seller);
    await sync(etsy.id, "orders");
    await sync(ebay.id, "orders");
    await settle();
    const prefs = sandbox.sandbox.state.ebay.platformNotifications;
    expect(prefs).toMatchObject({ enabled: true, applicationUrl: `${endpoint.url}/api/webhooks/ebay/platform` });
    expect(prefs?.events[seller]).toEqual(["FixedPriceTransaction"]);
    const listing = shop.listing_ids[0] ?? 0;

    // Both notifications name the sale: it counts once.
    const first = await control.ebayOrder(seller, { item_id: item_ids[0], quantity: 2 });
    await until("Etsy quantity", async () => etsyAvailable(await control.etsyListing(listing), sku), (q) => q === 8);
    await settle();
    expect(await platformDeliveriesFor(first.order_id)).toEqual([expect.objectContaining({ state: "delivered", attempts: [expect.objectContaining({ status: 200 })] })]);
    expect(await deliveriesFor(first.order_id)).toEqual([expect.objectContaining({ state: "delivered" })]);

    // With ORDER_CONFIRMATION dropped, the platform notification alone brings the sale, before any poll.
    await control.fault({ marketplace: "ebay", kind: "webhook_drop", path: "^ORDER_CONFIRMATION$" });
    const [polls] = await db.select({ n: count() }).from(syncRuns).where(and(eq(syncRuns.connectionId, ebay.id), eq(syncRuns.kind, "orders")));
    let second;
    try {
      second = await control.ebayOrder(seller, { item_id: item_ids[0], quantity: 1 });
      await until("Etsy quantity", async () => etsyAvailable(await control.etsyListing(listing), sku), (q) => q === 7);
      await settle();
    } finally {
      await control.clearFaults();
    }
    expect(await deliveriesFor(second.order_id)).toEqual([expect.objectContaining({ state: "dropped" })]);
    const [pollsAfter] = await db.select({ n: count() }).from(syncRuns).where(and(eq(syncRuns.connectionId, ebay.id), eq(syncRuns.kind, "orders")));
    expect(pollsAfter.n).toBe(polls.n);
    expect(await onHand(org.id, sku)).toBe(7);
    const sales = await db.select().from(stockMovements).where(and(eq(stockMovements.orgId, org.id), eq(stockMovements.reason, "sale")));
    expect(sales.map((m) => m.delta).sort((a, b) => a - b)).toEqual([-2, -1]);

    // The signature: only eBay's, over this Timestamp, within 10 minutes, never replayed.
    const [delivered] = await platformDeliveriesFor(second.order_id);
    const soap = String(delivered.payload);
    const before = await ledgerSnapshot(org.id);
    const answers = {
      replayed: await postPlatform(soap),
      unsigned: await postPlatform(soap.replace(/<ebl:NotificationSignature>[^<]*<\/ebl:NotificationSignature>/, "")),
      forged: await postPlatform(soap.replace(/<ebl:NotificationSignature>[^<]*</, "<ebl:NotificationSignature>bm90IGVCYXkncw==<")),
      retimed: await postPlatform(soap.replace(/<Timestamp>[^<]*</, `<Timestamp>${new Date().toISOString()}<`)),
    };
    const { platformSignature } = await import("@/sandbox/ebay/trading/notifications");
    const old = new Date(Date.now() - 11 * 60_000).toISOString();
    const keys = { devId: "sandbox-ebay-dev-id", appId: "sandbox-ebay-client", certId: "sandbox-ebay-secret" };
    const stale = await postPlatform(
      soap.replace(/<Timestamp>[^<]*</, `<Timestamp>${old}<`).replace(/<ebl:NotificationSignature>[^<]*</, `<ebl:NotificationSignature>${platformSignature(old, keys)}<`),
    );
    expect({ replayed: answers.replayed.status, unsigned: answers.unsigned.status, forged: answers.forged.status, retimed: answers.retimed.status, stale: stale.status }).toEqual({
      replayed: 200,
      unsigned: 400,
      forged: 401,
      retimed: 401,
      stale: 401,
    });
    expect(await answers.replayed.json()).toEqual({ received: [{ status: "duplicate", deliveryId: expect.any(String) }] });
    await settle();
    expect(await ledgerSnapshot(org.id)).toEqual(before);

    // Disconnecting turns the seller's platform notifications off.
    await disconnectConnection({ orgId: org.id, userId: "system-test", role: "owner" }, ebay.id);
    expect(sandbox.sandbox.state.ebay.platformNotifications?.events[seller]).toEqual([]);
  }, 60_000);
});
