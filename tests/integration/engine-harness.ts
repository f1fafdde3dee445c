import { randomInt, randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { migrateDb } from "@/db/migrate";
import { channelItems, marketplaceConnections, memberships, orderLines, orders, products, stockMovements, users, type Marketplace } from "@/db/schema";
import { completeConnection, startConnection } from "@/lib/connections";
import { runConnectionSync } from "@/lib/sync/run";
import type { SyncKind } from "@/lib/sync/runs";
import type { Step } from "@/lib/sync/step";
import { startSandbox, type RunningSandbox } from "@/sandbox/app";
import type { SandboxConfigInput } from "@/sandbox/config";
import { Control } from "./sandbox-control";
import { consentThroughSandbox } from "./sandbox-oauth";

/**
 * Starts the sandbox in process on a free port and points the app's marketplace base
 * URLs at it. Must run before anything reads env() in the test file.
 */
export async function startEngineSandbox(config: SandboxConfigInput = {}): Promise<{ sandbox: RunningSandbox; control: Control }> {
  const sandbox = await startSandbox({
    port: 0,
    // The sandbox's registered callbacks are the app's defaults (APP_URL http://localhost:3000).
    config,
  });
  // Sandbox ids restart at the same numbers in every instance, while a shared PostgreSQL
  // keeps the connections of earlier runs and parallel files: start the shop and user
  // counters at a random point so each instance's shops are new to the database.
  for (const kind of ["etsyShop", "etsyUser", "ebayUser"] as const) sandbox.sandbox.state.counters[kind] = randomInt(0, 10_000_000);
  process.env.SANDBOX_URL = sandbox.url;
  await migrateDb();
  return { sandbox, control: new Control(sandbox.url) };
}

/** Connects a sandbox shop to an organization the way the Connections page does: start, consent, callback. */
export async function connectShop(orgId: string, marketplace: Marketplace, account: string) {
  const [user] = await db.insert(users).values({ email: `owner-${randomUUID().slice(0, 8)}@example.com`, name: "Owner" }).returning();
  await db.insert(memberships).values({ orgId, userId: user.id, role: "owner" });
  // A marketplace installed per store (Shopify) is started with the store's address; the others ignore it.
  const { url } = await startConnection({ orgId, userId: user.id, role: "owner" }, marketplace, { account });
  const params = await consentThroughSandbox(url, account);
  const outcome = await completeConnection({ marketplace, userId: user.id, params });
  if (!outcome.ok) throw new Error(`connecting ${account} failed: ${outcome.message}`);
  const [conn] = await db.select().from(marketplaceConnections).where(eq(marketplaceConnections.id, outcome.connectionId));
  return conn;
}

export async function sync(connectionId: string, kind: SyncKind, step?: Step) {
  const outcome = await runConnectionSync(connectionId, kind, "manual", { step });
  if (outcome.status === "skipped") throw new Error(`sync skipped: ${outcome.reason}`);
  return outcome.run;
}

export async function onHand(orgId: string, sku: string): Promise<number | undefined> {
  const [p] = await db.select({ onHand: products.onHand }).from(products).where(and(eq(products.orgId, orgId), eq(products.sku, sku)));
  return p?.onHand;
}

/** Everything the engine wrote for an organization, in a stable order: equal snapshots mean nothing was counted twice. */
export async function ledgerSnapshot(orgId: string) {
  const ps = await db.select({ sku: products.sku, onHand: products.onHand }).from(products).where(eq(products.orgId, orgId)).orderBy(products.sku);
  const ms = await db.select({ key: stockMovements.sourceKey, delta: stockMovements.delta }).from(stockMovements).where(eq(stockMovements.orgId, orgId)).orderBy(stockMovements.sourceKey);
  const os = await db.select({ id: orders.externalId, status: orders.status }).from(orders).where(eq(orders.orgId, orgId)).orderBy(orders.externalId);
  const ls = await db.select({ id: orderLines.externalLineId, status: orderLines.status }).from(orderLines).where(eq(orderLines.orgId, orgId)).orderBy(orderLines.externalLineId);
  const items = await db
    // By SKU: Etsy renumbers a listing's products whenever its inventory is written.
    // The most the channel may show: a sale too close to a read to order leaves a range whose low end moves as reads go by.
    .select({ conn: marketplaceConnections.marketplace, sku: channelItems.sku, seen: sql<number>`${channelItems.lastSeenQuantity} + ${channelItems.unsureUnits}` })
    .from(channelItems)
    .innerJoin(marketplaceConnections, eq(marketplaceConnections.id, channelItems.connectionId))
    .where(eq(channelItems.orgId, orgId))
    .orderBy(marketplaceConnections.marketplace, channelItems.sku);
  return { products: ps, movements: ms, orders: os, lines: ls, items };
}
