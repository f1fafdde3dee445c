import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as etsyWebhook } from "@/app/api/webhooks/[marketplace]/[[...path]]/route";
import { db } from "@/db/client";
import { marketplaceConnections, stockMovements, syncRuns } from "@/db/schema";
import { localDriver } from "@/inngest/local";
import { NOTIFICATION_GRACE_MS } from "@/lib/sync/polling";
import { schedulerMode } from "@/lib/sync/scheduler-mode";
import type { RunningSandbox } from "@/sandbox/app";
import { startWebhookEndpoint, type WebhookEndpoint } from "../support/webhook-endpoint";
import { connectShop, ledgerSnapshot, onHand, startEngineSandbox, sync } from "./engine-harness";
import type { Control } from "./sandbox-control";
import { makeOrg } from "./sync-fixtures";

// Etsy webhooks end to end: the sandbox sends signed order events for sales made through its
// control API to the app's route on a real port; the route imports the receipt and the
// in-process scheduler pushes to eBay. No poll runs unless a test runs one.

process.env.SCHEDULER = "local";
const DEBOUNCE_MS = 8_000;

let control: Control;
let sandbox: RunningSandbox;
let endpoint: WebhookEndpoint;
const driver = localDriver({ pushDebounceMs: DEBOUNCE_MS, log: () => {} });

beforeAll(async () => {
  endpoint = await startWebhookEndpoint({ "/api/webhooks/etsy": etsyWebhook });
  const started = await startEngineSandbox({ webhooks: { appUrl: endpoint.url, retryDelaysMs: [200, 500] } });
  control = started.control;
  sandbox = started.sandbox;
});
afterAll(async () => {
  await driver.stop();
  await sandbox?.close();
  await endpoint?.close();
});

async function shopPair(tag: string, quantity = 10) {
  const org = await makeOrg();
  const sku = `NTF-${tag}`;
  const shop = await control.etsyShop({ shop_name: `Ntf${tag}`, listings: [{ title: "Mug", sku, quantity, price: 12 }] });
  const seller = `ntf${tag}`;
  await control.ebaySeller({ username: seller, items: [{ sku, title: "Mug", quantity, price: 12 }] });
  const etsy = await connectShop(org.id, "etsy", `Ntf${tag}`);
  const ebay = await connectShop(org.id, "ebay", seller);
  await sync(etsy.id, "orders");
  await sync(ebay.id, "orders");
  // The first syncs asked for pushes: let them go, so each test starts with nothing pending.
  await settle();
  return { org, shop, seller, etsy, ebay, sku, listing: shop.listing_ids[0] ?? 0 };
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

async function runs(connectionId: string, kind: "orders" | "push") {
  const [r] = await db.select({ n: count() }).from(syncRuns).where(and(eq(syncRuns.connectionId, connectionId), eq(syncRuns.kind, kind)));
  return r.n;
}

async function sales(orgId: string) {
  return db.select({ key: stockMovements.sourceKey, delta: stockMovements.delta }).from(stockMovements).where(and(eq(stockMovements.orgId, orgId), eq(stockMovements.reason, "sale")));
}

/** Everything settled: the sandbox sent what it will send, the app imported it, the scheduler pushed. */
async function settle() {
  await sandbox.sandbox.webhooks.idle();
  driver.flushPushes();
  await driver.idle();
}

describe("Etsy webhooks against the sandbox", () => {
  it("runs with the in-process scheduler, so a notification's push really goes out", () => {
    expect(schedulerMode()).toBe("local");
  });

  it("with notifications, a sale on Etsy reaches eBay before any poll runs, without waiting for the debounce", async () => {
    const t = await shopPair(`a${Date.now() % 100000}`);
    const polls = await runs(t.etsy.id, "orders");
    const started = Date.now();
    await control.etsySale(t.shop.shop_id, { listing_id: t.listing, quantity: 2 });
    await until("eBay quantity", () => ebayAvailable(t.seller, t.sku), (q) => q === 8);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(DEBOUNCE_MS);
    expect(await onHand(t.org.id, t.sku)).toBe(8);
    expect(await runs(t.etsy.id, "orders")).toBe(polls);
    const [delivery] = (await control.deliveries("etsy")).filter((d) => (d.payload as { shop_id: number }).shop_id === t.shop.shop_id);
    expect(delivery).toMatchObject({ topic: "order.paid", state: "delivered", attempts: [{ status: 200 }] });
    const [conn] = await db.select().from(marketplaceConnections).where(eq(marketplaceConnections.id, t.etsy.id));
    expect(conn.notificationSeenAt).toBeInstanceOf(Date);
    await settle();
  });

  it("100 notifications in a burst for one shop cost a couple of pushes, not a hundred, and every sale counts once", async () => {
    const t = await shopPair(`b${Date.now() % 100000}`, 150);
    const pushesBefore = await runs(t.ebay.id, "push");
    const writesBefore = (await control.stats()).ebay.by_operation.bulkUpdatePriceQuantity ?? 0;
    await Promise.all(Array.from({ length: 100 }, () => control.etsySale(t.shop.shop_id, { listing_id: t.listing, quantity: 1 })));
    await until("every sale imported", async () => (await sales(t.org.id)).length, (n) => n === 100, 60_000);
    await settle();
    expect(await onHand(t.org.id, t.sku)).toBe(50);
    expect(await ebayAvailable(t.seller, t.sku)).toBe(50);
    const pushes = (await runs(t.ebay.id, "push")) - pushesBefore;
    expect(pushes).toBeGreaterThanOrEqual(1);
    expect(pushes).toBeLessThanOrEqual(4);
    expect((await control.stats()).ebay.by_operation.bulkUpdatePriceQuantity - writesBefore).toBeLessThanOrEqual(4);
  }, 120_000);

  it("with 30 % of deliveries dropped, every sale still arrives exactly once: the poll finds the rest and goes back to the floor", async () => {
    const t = await shopPair(`c${Date.now() % 100000}`, 20);
    await control.fault({ marketplace: "etsy", kind: "webhook_drop", probability: 0.3, seed: 7 });
    try {
      for (let i = 0; i < 10; i++) await control.etsySale(t.shop.shop_id, { listing_id: t.listing, quantity: 1 });
      await settle();
    } finally {
      await control.clearFaults();
    }
    const lastSale = Date.now();
    const mine = (await control.deliveries("etsy")).filter((d) => (d.payload as { shop_id: number }).shop_id === t.shop.shop_id);
    const dropped = mine.filter((d) => d.state === "dropped").length;
    expect(mine).toHaveLength(10);
    expect(dropped).toBeGreaterThanOrEqual(1);
    expect(dropped).toBeLessThan(10);
    expect(await onHand(t.org.id, t.sku)).toBe(20 - (10 - dropped));

    // The poll comes later than any notification would have (NOTIFICATION_GRACE_MS after the last sale).
    await new Promise((r) => setTimeout(r, Math.max(0, lastSale + NOTIFICATION_GRACE_MS + 1_000 - Date.now())));
    expect((await sync(t.etsy.id, "orders")).status).toBe("succeeded");
    expect(await onHand(t.org.id, t.sku)).toBe(10);
    expect((await sales(t.org.id)).map((s) => s.delta)).toEqual(Array(10).fill(-1));
    let [conn] = await db.select().from(marketplaceConnections).where(eq(marketplaceConnections.id, t.etsy.id));
    expect(conn.notificationMissAt).toBeInstanceOf(Date);
    // Back at the floor (5 minutes).
    expect(Math.round(((conn.nextOrdersPollAt?.getTime() ?? 0) - Date.now()) / 60_000)).toBe(5);
    await settle();
    expect(await ebayAvailable(t.seller, t.sku)).toBe(10);

    // The next poll finds nothing the notifications had not brought: healthy again, it backs off to the listings interval.
    const before = await ledgerSnapshot(t.org.id);
    expect((await sync(t.etsy.id, "orders")).status).toBe("succeeded");
    expect(await ledgerSnapshot(t.org.id)).toEqual(before);
    [conn] = await db.select().from(marketplaceConnections).where(eq(marketplaceConnections.id, t.etsy.id));
    expect(conn.notificationMissAt).toBeNull();
    expect(Math.round(((conn.nextOrdersPollAt?.getTime() ?? 0) - Date.now()) / 60_000)).toBe(15);
  }, 120_000);

  it("duplicated and reordered deliveries (a cancel before its paid) change nothing", async () => {
    const t = await shopPair(`d${Date.now() % 100000}`);
    await control.fault({ marketplace: "etsy", kind: "webhook_reorder", path: "^order\\.paid$", count: 1 });
    await control.fault({ marketplace: "etsy", kind: "webhook_duplicate" });
    try {
      const a = await control.etsySale(t.shop.shop_id, { listing_id: t.listing, quantity: 1 });
      await control.etsyCancel(a.receipt_id);
      await control.etsySale(t.shop.shop_id, { listing_id: t.listing, quantity: 2 });
      await settle();
    } finally {
      await control.clearFaults();
    }
    const mine = (await control.deliveries("etsy")).filter((d) => (d.payload as { shop_id: number }).shop_id === t.shop.shop_id);
    // The cancellation went out before the paid it cancels; every duplicate was acknowledged once
    // (2xx, so the sender does not retry it) and did nothing.
    const firstSent = (topic: string) => mine.filter((d) => d.topic === topic && d.attempts.length > 0).map((d) => d.attempts[0].at).sort()[0];
    expect(firstSent("order.canceled") < firstSent("order.paid")).toBe(true);
    const duplicates = mine.filter((d) => d.fault === "webhook_duplicate" && d.attempts.length > 0);
    expect(duplicates.length).toBeGreaterThanOrEqual(2);
    expect(duplicates.map((d) => d.attempts.map((x) => x.status))).toEqual(duplicates.map(() => [200]));

    // Receipt A was cancelled before any paid arrived: no sale, no cancel; B sold 2, once.
    expect(await onHand(t.org.id, t.sku)).toBe(8);
    expect((await sales(t.org.id)).map((s) => s.delta)).toEqual([-2]);
    expect(await ebayAvailable(t.seller, t.sku)).toBe(8);
    // The polls of the same orders and cancellations change nothing either.
    const before = await ledgerSnapshot(t.org.id);
    await sync(t.etsy.id, "orders");
    await sync(t.etsy.id, "listings");
    expect(await ledgerSnapshot(t.org.id)).toEqual(before);
  }, 60_000);

  it("a cancellation notified after its sale puts the stock back on both channels, with no poll (polls cannot see Etsy cancellations)", async () => {
    const t = await shopPair(`e${Date.now() % 100000}`);
    const polls = await runs(t.etsy.id, "orders");
    const { receipt_id } = await control.etsySale(t.shop.shop_id, { listing_id: t.listing, quantity: 3 });
    await until("eBay quantity after the sale", () => ebayAvailable(t.seller, t.sku), (q) => q === 7);
    await control.etsyCancel(receipt_id);
    await until("on hand after the cancellation", () => onHand(t.org.id, t.sku), (q) => q === 10);
    await settle();
    expect(await ebayAvailable(t.seller, t.sku)).toBe(10);
    expect(await runs(t.etsy.id, "orders")).toBe(polls);
    const moves = await db.select({ key: stockMovements.sourceKey, delta: stockMovements.delta, reason: stockMovements.reason }).from(stockMovements).where(eq(stockMovements.orgId, t.org.id));
    expect(moves.filter((m) => m.reason === "sale" || m.reason === "cancel").map((m) => [m.reason, m.delta]).sort()).toEqual([["cancel", 3], ["sale", -3]]);
  }, 60_000);
});
