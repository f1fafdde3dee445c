import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as webhookRoute } from "@/app/api/webhooks/[marketplace]/[[...path]]/route";
import { db } from "@/db/client";
import { notificationDeliveries, orderLines, stockMovements, syncRuns } from "@/db/schema";
import { localDriver } from "@/inngest/local";
import type { RunningSandbox } from "@/sandbox/app";
import { shopifyStats } from "@/sandbox/stats";
import { startWebhookEndpoint, type WebhookEndpoint } from "../support/webhook-endpoint";
import { connectShop, onHand, startEngineSandbox, sync } from "./engine-harness";
import type { Control } from "./sandbox-control";
import { makeOrg } from "./sync-fixtures";

// Edits in Shopify admin arrive as inventory_levels/update webhooks, one inventory item at one
// location each. A store of many products must not be read whole per edit: the item alone is
// read and judged as a listings read would judge it. Stock at a location Stockroom does not
// manage, edited or sold there, is not the seller's synced stock at all.

process.env.SCHEDULER = "local";

let control: Control;
let sandbox: RunningSandbox;
let endpoint: WebhookEndpoint;
const driver = localDriver({ pushDebounceMs: 8_000, log: () => {} });

beforeAll(async () => {
  endpoint = await startWebhookEndpoint({ "/api/webhooks/shopify": webhookRoute });
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
const calls = () => ({ ...shopifyStats(sandbox.sandbox.stats).by_operation });

/** Deliveries sent, the reads they queued done, and the pushes those asked for sent (not left to the debounce). */
async function settle() {
  await sandbox.sandbox.webhooks.idle();
  await driver.idle();
  driver.flushPushes();
  await driver.idle();
}

/** A store of `products` products (more than one products page) with two locations, and an eBay account selling the first SKU. */
async function bigStore(products: number, org?: { channelEditPolicy?: "accept" | "overwrite" }) {
  const t = tag();
  const o = await makeOrg(org);
  const sku = `AE-${t}-0`;
  const domain = `ae${t}.myshopify.com`;
  await control.shopifyShop({
    domain,
    name: `Store ${t}`,
    locations: [{ name: "Shop floor" }, { name: "Warehouse" }],
    products: Array.from({ length: products }, (_, i) => ({ title: `Item ${i}`, variants: [{ sku: `AE-${t}-${i}`, quantities: { "Shop floor": 10, Warehouse: 4 }, price: 12 }] })),
  });
  const seller = `ae${t}`;
  await control.ebaySeller({ username: seller, items: [{ sku, title: "Item 0", quantity: 10, price: 12 }] });
  const shopify = await connectShop(o.id, "shopify", domain);
  const ebay = await connectShop(o.id, "ebay", seller);
  await sync(shopify.id, "orders");
  await sync(ebay.id, "orders");
  await settle();
  return { org: o, sku, domain, seller, shopify, ebay };
}

async function ebayAvailable(seller: string, sku: string): Promise<number> {
  const item = (await control.ebayItem(seller, sku)) as { offers?: { availableQuantity?: number }[] };
  return item.offers?.[0]?.availableQuantity ?? -1;
}

const movements = (orgId: string) => db.select({ delta: stockMovements.delta, reason: stockMovements.reason }).from(stockMovements).where(and(eq(stockMovements.orgId, orgId), eq(stockMovements.reason, "channel_edit")));

describe("edits in Shopify admin, by webhook", () => {
  it("an edit is read as that one item (not the store's 40 products), accepted into the ledger and pushed to eBay", async () => {
    const t = await bigStore(40);
    const before = calls();
    await control.shopifyEdit(t.domain, t.sku, 16);
    await settle();
    const after = calls();
    const delta = (op: string) => (after[op] ?? 0) - (before[op] ?? 0);
    expect(delta("InventoryItemStock")).toBe(1);
    // Without the single-item read this is 2 (40 products, 30 a page) per edit.
    expect(delta("ProductsPage")).toBe(0);
    expect(await onHand(t.org.id, t.sku)).toBe(16);
    expect(await movements(t.org.id)).toEqual([{ delta: 6, reason: "channel_edit" }]);
    expect(await ebayAvailable(t.seller, t.sku)).toBe(16);
    // The item read is recorded as a webhook listings run that does not stand in for the listings poll.
    const runs = await db.select({ trigger: syncRuns.trigger, apiCalls: syncRuns.apiCalls }).from(syncRuns).where(and(eq(syncRuns.connectionId, t.shopify.id), eq(syncRuns.kind, "listings"), eq(syncRuns.trigger, "webhook")));
    expect(runs).toHaveLength(1);
  });

  it("an edit is written back when Stockroom is the source of truth (policy: overwrite), still one item read", async () => {
    const t = await bigStore(35, { channelEditPolicy: "overwrite" });
    const before = calls();
    await control.shopifyEdit(t.domain, t.sku, 3);
    await settle();
    expect((calls().ProductsPage ?? 0) - (before.ProductsPage ?? 0)).toBe(0);
    expect(await onHand(t.org.id, t.sku)).toBe(10);
    expect(await control.shopifyAvailable(t.domain, t.sku)).toBe(10);
    expect(await ebayAvailable(t.seller, t.sku)).toBe(10);
  });

  it("a change at a location Stockroom does not manage moves nothing and reads nothing", async () => {
    const t = await bigStore(2);
    const before = calls();
    await control.shopifyEdit(t.domain, t.sku, 1, "Warehouse");
    await settle();
    const [delivery] = await db
      .select({ outcome: notificationDeliveries.topic })
      .from(notificationDeliveries)
      .where(and(eq(notificationDeliveries.source, "shopify"), eq(notificationDeliveries.connectionId, t.shopify.id), eq(notificationDeliveries.topic, "inventory_levels/update")));
    expect(delivery).toBeDefined();
    expect(calls()).toEqual(before);
    expect(await onHand(t.org.id, t.sku)).toBe(10);
    expect(await movements(t.org.id)).toEqual([]);
    expect(await control.shopifyAvailable(t.domain, t.sku, "Warehouse")).toBe(1);
    expect(await ebayAvailable(t.seller, t.sku)).toBe(10);
  });
});

describe("sales at a location Stockroom does not manage", () => {
  it("are kept for Sales but move no stock, by webhook or by poll; a sale at the managed location still does", async () => {
    const t = await bigStore(2);
    await control.shopifyOrder(t.domain, { lines: [{ sku: t.sku, quantity: 2 }], location: "Warehouse" });
    await settle();
    await sync(t.shopify.id, "orders");
    await settle();
    expect(await onHand(t.org.id, t.sku)).toBe(10);
    expect(await db.select().from(stockMovements).where(and(eq(stockMovements.orgId, t.org.id), eq(stockMovements.reason, "sale")))).toEqual([]);
    const [line] = await db.select({ sku: orderLines.sku, quantity: orderLines.quantity, item: orderLines.channelItemId }).from(orderLines).where(eq(orderLines.orgId, t.org.id));
    expect(line).toEqual({ sku: t.sku, quantity: 2, item: null });
    expect(await ebayAvailable(t.seller, t.sku)).toBe(10);
    expect(await control.shopifyAvailable(t.domain, t.sku, "Warehouse")).toBe(2);

    await control.shopifyOrder(t.domain, { lines: [{ sku: t.sku, quantity: 3 }] });
    await settle();
    expect(await onHand(t.org.id, t.sku)).toBe(7);
    expect(await ebayAvailable(t.seller, t.sku)).toBe(7);
    // The next listings read finds the managed location as the sale left it: no edit.
    await sync(t.shopify.id, "listings");
    expect(await movements(t.org.id)).toEqual([]);
  });
});
