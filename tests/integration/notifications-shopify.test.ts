import { createHmac } from "node:crypto";
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as webhookRoute } from "@/app/api/webhooks/[marketplace]/[[...path]]/route";
import { db } from "@/db/client";
import { auditEvents, marketplaceConnections, notificationDeliveries, orders, stockMovements, syncRuns } from "@/db/schema";
import { localDriver } from "@/inngest/local";
import { disconnectConnection, listConnections } from "@/lib/connections";
import { schedulerMode } from "@/lib/sync/scheduler-mode";
import type { RunningSandbox } from "@/sandbox/app";
import { appInstalled } from "@/sandbox/shopify/webhooks";
import { shopifyStats } from "@/sandbox/stats";
import { startWebhookEndpoint, type WebhookEndpoint } from "../support/webhook-endpoint";
import { connectShop, onHand, startEngineSandbox, sync } from "./engine-harness";
import type { Control } from "./sandbox-control";
import { makeOrg } from "./sync-fixtures";

// Shopify webhooks end to end: the sandbox sends what Shopify sends (signed with the app's
// secret) for what happens in a store, to the app's route on a real port; the in-process
// scheduler imports and pushes. No poll runs unless a test runs one.

process.env.SCHEDULER = "local";

let control: Control;
let sandbox: RunningSandbox;
let endpoint: WebhookEndpoint;
const driver = localDriver({ pushDebounceMs: 8_000, log: () => {} });

beforeAll(async () => {
  endpoint = await startWebhookEndpoint({ "/api/webhooks/shopify": webhookRoute });
  // A roomy cost bucket: the throttle has its own tests (shopify-throttle.test.ts).
  const started = await startEngineSandbox({ webhooks: { appUrl: endpoint.url, retryDelaysMs: [200, 500] }, shopify: { bucketSize: 1_000_000, restorePerSecond: 1_000_000 } });
  control = started.control;
  sandbox = started.sandbox;
});
afterAll(async () => {
  await driver.stop();
  await sandbox?.close();
  await endpoint?.close();
});

const tag = () => `${Date.now() % 1_000_000}${Math.floor(Math.random() * 100)}`;

async function settle() {
  await sandbox.sandbox.webhooks.idle();
  driver.flushPushes();
  await driver.idle();
}

/** A Shopify store and an eBay account selling one SKU, connected and imported, nothing pending. */
async function storePair(quantity = 10) {
  const t = tag();
  const org = await makeOrg();
  const sku = `NS-${t}`;
  const domain = `ns${t}.myshopify.com`;
  await control.shopifyShop({ domain, name: `Store ${t}`, products: [{ title: "Mug", variants: [{ sku, quantity, price: 12 }] }] });
  const seller = `ns${t}`;
  await control.ebaySeller({ username: seller, items: [{ sku, title: "Mug", quantity, price: 12 }] });
  const shopify = await connectShop(org.id, "shopify", domain);
  const ebay = await connectShop(org.id, "ebay", seller);
  await sync(shopify.id, "orders");
  await sync(ebay.id, "orders");
  await settle();
  return { org, sku, domain, seller, shopify, ebay };
}

async function ebayAvailable(seller: string, sku: string): Promise<number> {
  const item = (await control.ebayItem(seller, sku)) as { offers?: { availableQuantity?: number }[] };
  return item.offers?.[0]?.availableQuantity ?? -1;
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

async function post(body: string, headers: Record<string, string>) {
  return webhookRoute(new Request("http://localhost:3000/api/webhooks/shopify", { method: "POST", body, headers: { "content-type": "application/json", ...headers } }));
}

const sign = (body: string) => createHmac("sha256", "sandbox-shopify-secret").update(body).digest("base64");

describe("Shopify webhooks against the sandbox", () => {
  it("runs with the in-process scheduler", () => {
    expect(schedulerMode()).toBe("local");
  });

  it("a Shopify sale reaches eBay by webhook before any poll, counted once though Shopify also reports the stock change", async () => {
    const t = await storePair();
    const [{ n: polls }] = await db.select({ n: count() }).from(syncRuns).where(and(eq(syncRuns.connectionId, t.shopify.id), eq(syncRuns.kind, "orders")));
    const earlier = new Set((await control.deliveries("shopify")).map((d) => d.id));
    await control.shopifyOrder(t.domain, { lines: [{ sku: t.sku, quantity: 2 }] });
    await until("eBay quantity", () => ebayAvailable(t.seller, t.sku), (q) => q === 8);
    await settle();
    expect(await onHand(t.org.id, t.sku)).toBe(8);
    const [{ n: after }] = await db.select({ n: count() }).from(syncRuns).where(and(eq(syncRuns.connectionId, t.shopify.id), eq(syncRuns.kind, "orders")));
    expect(after).toBe(polls);
    const mine = (await control.deliveries("shopify")).filter((d) => !earlier.has(d.id));
    expect(mine.map((d) => d.topic).sort()).toEqual(["inventory_levels/update", "orders/create"]);
    expect(mine.every((d) => d.state === "delivered")).toBe(true);
    const edits = await db.select().from(stockMovements).where(and(eq(stockMovements.orgId, t.org.id), eq(stockMovements.reason, "channel_edit")));
    expect(edits).toEqual([]);
  });

  it("a forged or unreadable delivery is refused and writes nothing; a replayed one is a duplicate", async () => {
    const t = await storePair();
    const body = JSON.stringify({ myshopify_domain: t.domain, domain: t.domain, id: 1 });
    const headers = { "x-shopify-topic": "app/uninstalled", "x-shopify-shop-domain": t.domain, "x-shopify-webhook-id": `wh-${tag()}` };
    expect((await post(body, { ...headers, "x-shopify-hmac-sha256": sign(`${body} `) })).status).toBe(401);
    expect((await post("not json", { ...headers, "x-shopify-hmac-sha256": sign("not json") })).status).toBe(400);
    const [still] = await db.select().from(marketplaceConnections).where(eq(marketplaceConnections.id, t.shopify.id));
    expect(still.status).toBe("active");
    const first = await post(body, { ...headers, "x-shopify-hmac-sha256": sign(body) });
    expect(first.status).toBe(200);
    const again = await post(body, { ...headers, "x-shopify-hmac-sha256": sign(body) });
    expect(await again.json()).toMatchObject({ status: "duplicate" });
    expect(await db.select().from(notificationDeliveries).where(and(eq(notificationDeliveries.source, "shopify"), eq(notificationDeliveries.deliveryId, headers["x-shopify-webhook-id"])))).toHaveLength(1);
  });

  it("uninstalling Stockroom in Shopify disconnects the store, stops its syncing and says so on the Connections page", async () => {
    const t = await storePair();
    await control.shopifyUninstall(t.domain);
    await settle();
    const [row] = await db.select().from(marketplaceConnections).where(eq(marketplaceConnections.id, t.shopify.id));
    expect(row).toMatchObject({ status: "disabled", accessTokenEnc: null });
    expect(row.lastError).toMatch(/uninstalled from this store in Shopify/);
    const [card] = (await listConnections({ orgId: t.org.id, userId: "x", role: "owner" })).filter((c) => c.id === t.shopify.id);
    expect(card).toMatchObject({ badge: "disabled", lastError: expect.stringMatching(/Reconnect to install it again/) });
    // A sale in the uninstalled store reaches nothing: the app no longer receives its webhooks.
    await control.shopifyOrder(t.domain, { lines: [{ sku: t.sku, quantity: 1 }] });
    await settle();
    expect(await onHand(t.org.id, t.sku)).toBe(10);
  });

  it("disconnecting the store in Stockroom removes the app from it: its token stops working, and Shopify's app/uninstalled finds it already disconnected", async () => {
    const t = await storePair();
    const before = shopifyStats(sandbox.sandbox.stats).by_operation.AppUninstall ?? 0;
    const owner = { orgId: t.org.id, userId: "system-test", role: "owner" as const };
    expect(await disconnectConnection(owner, t.shopify.id)).toBeNull();
    await settle();
    expect((shopifyStats(sandbox.sandbox.stats).by_operation.AppUninstall ?? 0) - before).toBe(1);
    expect(appInstalled(sandbox.sandbox, t.domain)).toBe(false);
    const [row] = await db.select().from(marketplaceConnections).where(eq(marketplaceConnections.id, t.shopify.id));
    expect(row).toMatchObject({ status: "disabled", accessTokenEnc: null, lastError: null });
    const audits = await db.select({ action: auditEvents.action, after: auditEvents.after }).from(auditEvents).where(and(eq(auditEvents.orgId, t.org.id), eq(auditEvents.action, "connection.removed")));
    expect(audits).toEqual([{ action: "connection.removed", after: { status: "disabled" } }]);
    const uninstalled = (await control.deliveries("shopify")).filter((d) => d.topic === "app/uninstalled" && JSON.stringify(d.payload).includes(t.domain));
    expect(uninstalled.map((d) => d.state)).toEqual(["delivered"]);
  });

  it("the privacy topics are answered 200; customers/redact and shop/redact erase the buyer names of that store", async () => {
    const t = await storePair();
    const order = await control.shopifyOrder(t.domain, { lines: [{ sku: t.sku, quantity: 1 }] });
    await settle();
    const mine = () => db.select({ buyer: orders.buyerName, raw: orders.raw }).from(orders).where(eq(orders.connectionId, t.shopify.id));
    expect(await mine()).toHaveLength(1);
    await control.shopifyPrivacy(t.domain, { topic: "customers/data_request", customer: { id: 7 }, orders: [order.legacy_id] });
    await control.shopifyPrivacy(t.domain, { topic: "customers/redact", customer: { id: 7 }, orders: [order.legacy_id] });
    await settle();
    expect(await mine()).toEqual([{ buyer: null, raw: null }]);
    await control.shopifyPrivacy(t.domain, { topic: "shop/redact" });
    await settle();
    const privacy = (await control.deliveries("shopify")).filter((d) => JSON.stringify(d.payload).includes(t.domain) && /redact|data_request/.test(d.topic));
    expect(privacy.map((d) => [d.topic, d.state])).toEqual(
      expect.arrayContaining([
        ["customers/data_request", "delivered"],
        ["customers/redact", "delivered"],
        ["shop/redact", "delivered"],
      ]),
    );
    const [row] = await db.select().from(marketplaceConnections).where(eq(marketplaceConnections.id, t.shopify.id));
    expect(row).toMatchObject({ status: "disabled", name: "Erased Shopify store", accessTokenEnc: null });
  });
});
