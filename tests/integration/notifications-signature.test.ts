import { randomUUID } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/[marketplace]/[[...path]]/route";
import { db } from "@/db/client";
import { marketplaceConnections, notificationDeliveries, orders } from "@/db/schema";
import { localDriver } from "@/inngest/local";
import { env } from "@/lib/env";
import type { RunningSandbox } from "@/sandbox/app";
import { connectShop, startEngineSandbox, sync } from "./engine-harness";
import type { Control } from "./sandbox-control";
import { makeOrg } from "./sync-fixtures";

// Etsy webhooks are signed with Standard Webhooks: only a delivery signed with the app's
// secret, over this exact body, within 5 minutes and never seen before is accepted; the
// others are refused before anything is written.

// The route queues the order for the scheduler: the in-process one imports it.
process.env.SCHEDULER = "local";
const driver = localDriver({ log: () => {} });

let control: Control;
let sandbox: RunningSandbox;
beforeAll(async () => {
  const started = await startEngineSandbox();
  control = started.control;
  sandbox = started.sandbox;
});
afterAll(async () => {
  await driver.stop();
  await sandbox?.close();
});

type Delivery = { id: string; timestamp: Date; body: string; secret?: string };

function signed({ id, timestamp, body, secret }: Delivery): Record<string, string> {
  const signature = new Webhook(secret ?? env().ETSY_WEBHOOK_SECRET).sign(id, timestamp, body);
  return { "webhook-id": id, "webhook-timestamp": String(Math.floor(timestamp.getTime() / 1000)), "webhook-signature": signature };
}

const post = (body: string, headers: Record<string, string>) =>
  POST(new Request("http://localhost:3000/api/webhooks/etsy", { method: "POST", body, headers: { "content-type": "application/json", ...headers } }));

async function paidReceipt() {
  const t = `${Date.now() % 1_000_000}${randomUUID().slice(0, 4)}`;
  const org = await makeOrg();
  const shop = await control.etsyShop({ shop_name: `SIG${t}`, listings: [{ title: "Mug", sku: `SIG-${t}`, quantity: 10, price: 12 }] });
  const conn = await connectShop(org.id, "etsy", `SIG${t}`);
  await sync(conn.id, "orders");
  // Connecting queued a first sync with the scheduler: let it finish, so no poll imports the sale below.
  await driver.idle();
  const { receipt_id } = await control.etsySale(shop.shop_id, { listing_id: shop.listing_ids[0] ?? 0, quantity: 1 });
  const body = JSON.stringify({ event_type: "order.paid", resource_url: `https://openapi.etsy.com/v3/application/shops/${shop.shop_id}/receipts/${receipt_id}`, shop_id: shop.shop_id });
  return { conn, receiptId: String(receipt_id), body };
}

/** What a delivery could have written: its id, the order, the connection's notification time. */
async function written(connId: string, deliveryId: string) {
  const [d] = await db.select({ n: count() }).from(notificationDeliveries).where(eq(notificationDeliveries.deliveryId, deliveryId));
  const [o] = await db.select({ n: count() }).from(orders).where(eq(orders.connectionId, connId));
  const [c] = await db.select({ seen: marketplaceConnections.notificationSeenAt }).from(marketplaceConnections).where(eq(marketplaceConnections.id, connId));
  return { deliveries: d.n, orders: o.n, seen: c.seen };
}

const nothing = { deliveries: 0, orders: 0, seen: null };

describe("Etsy webhook signatures", () => {
  it("a delivery signed with the app's secret just now is accepted and imports the receipt it names", async () => {
    const { conn, receiptId, body } = await paidReceipt();
    const id = `msg_${randomUUID()}`;
    const res = await post(body, signed({ id, timestamp: new Date(), body }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "queued", orderId: receiptId });
    await driver.idle();
    const after = await written(conn.id, id);
    expect(after).toMatchObject({ deliveries: 1, orders: 1 });
    expect(after.seen).toBeInstanceOf(Date);
  });

  it.each([
    ["signed with another secret", (d: Delivery) => ({ body: d.body, headers: signed({ ...d, secret: "whsec_" + Buffer.from("another-app-secret-another-app!!").toString("base64") }) }), 401, "bad_signature"],
    ["with its body altered after signing", (d: Delivery) => ({ body: d.body.replace('"order.paid"', '"order.canceled"'), headers: signed(d) }), 401, "bad_signature"],
    ["signed more than 5 minutes ago", (d: Delivery) => ({ body: d.body, headers: signed({ ...d, timestamp: new Date(Date.now() - 6 * 60_000) }) }), 401, "stale"],
    ["stamped more than 5 minutes ahead", (d: Delivery) => ({ body: d.body, headers: signed({ ...d, timestamp: new Date(Date.now() + 6 * 60_000) }) }), 401, "stale"],
    ["without a signature", (d: Delivery) => ({ body: d.body, headers: { ...signed(d), "webhook-signature": "" } }), 400, "unsigned"],
    ["without an id", (d: Delivery) => ({ body: d.body, headers: { ...signed(d), "webhook-id": "" } }), 400, "unsigned"],
    ["without a timestamp", (d: Delivery) => ({ body: d.body, headers: { ...signed(d), "webhook-timestamp": "" } }), 400, "unsigned"],
    ["without any webhook header", (d: Delivery) => ({ body: d.body, headers: {} }), 400, "unsigned"],
  ])("a delivery %s is refused and writes nothing", async (_name, forge, status, code) => {
    const { conn, body } = await paidReceipt();
    const id = `msg_${randomUUID()}`;
    const forged = forge({ id, timestamp: new Date(), body });
    const res = await post(forged.body, forged.headers);
    await driver.idle();
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
    expect(await written(conn.id, id)).toEqual(nothing);
  });

  // Answered 2xx so the sender stops (Etsy retries anything else for up to 10 hours), and refused in effect.
  it("a delivery id received before does nothing, even re-signed with a fresh timestamp, and is acknowledged as a duplicate", async () => {
    const { conn, body } = await paidReceipt();
    const id = `msg_${randomUUID()}`;
    expect((await post(body, signed({ id, timestamp: new Date(), body }))).status).toBe(200);
    await driver.idle();
    const before = await written(conn.id, id);
    const [deliveryRow] = await db.select().from(notificationDeliveries).where(eq(notificationDeliveries.deliveryId, id));
    await new Promise((r) => setTimeout(r, 1_100));
    for (const timestamp of [new Date(), new Date(Date.now() - 60_000)]) {
      const res = await post(body, signed({ id, timestamp, body }));
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: "duplicate", deliveryId: id });
    }
    await driver.idle();
    expect(await written(conn.id, id)).toEqual(before);
    // The replay did not even touch the connection's notification time.
    const [again] = await db.select().from(notificationDeliveries).where(eq(notificationDeliveries.deliveryId, id));
    expect(again).toEqual(deliveryRow);
  });

  it("a delivery for a shop Stockroom does not know is acknowledged and imports nothing", async () => {
    const body = JSON.stringify({ event_type: "order.paid", resource_url: "https://openapi.etsy.com/v3/application/shops/1/receipts/2", shop_id: 1 });
    const res = await post(body, signed({ id: `msg_${randomUUID()}`, timestamp: new Date(), body }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ignored" });
  });
});
