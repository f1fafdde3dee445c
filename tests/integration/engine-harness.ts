import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { migrateDb } from "@/db/migrate";
import { channelItems, marketplaceConnections, orderLines, orders, products, stockMovements, type Marketplace } from "@/db/schema";
import { runConnectionSync } from "@/lib/sync/run";
import type { SyncKind } from "@/lib/sync/runs";
import type { Step } from "@/lib/sync/step";
import { Control } from "./sandbox-control";
import { consentThroughSandbox } from "./sandbox-oauth";

type Sandbox = { url: string; close: () => Promise<void> };

/**
 * Starts the sandbox in process on a free port and points the app's marketplace base
 * URLs at it. Must run before anything reads env() in the test file.
 */
export async function startEngineSandbox(config: Record<string, unknown> = {}): Promise<{ sandbox: Sandbox; control: Control }> {
  const { startSandbox } = await import("@/sandbox/app");
  const sandbox = (await startSandbox({
    port: 0,
    // The sandbox's registered callbacks are the app's defaults (APP_URL http://localhost:3000).
    config,
  })) as Sandbox;
  process.env.SANDBOX_URL = sandbox.url;
  await migrateDb();
  return { sandbox, control: new Control(sandbox.url) };
}

/** TEMPORARY until lib/connections lands: exchange the code with the adapter and store sealed tokens. */
export async function connectShop(orgId: string, marketplace: Marketplace, account: string) {
  const { adapterFor } = await import("@/lib/marketplaces");
  const { sealedTokenColumns } = await import("@/lib/connections/token-store");
  const adapter = adapterFor(marketplace);
  const redirectUri = marketplace === "etsy" ? "http://localhost:3000/api/connections/etsy/callback" : "sandbox-runame";
  const { url, codeVerifier } = adapter.authorizeUrl({ state: randomUUID(), redirectUri });
  const params = await consentThroughSandbox(url, account);
  const tokens = await adapter.exchangeCode({ code: params.get("code") ?? "", codeVerifier, redirectUri });
  const shop = await adapter.identity(tokens.accessToken);
  const [conn] = await db
    .insert(marketplaceConnections)
    .values({ orgId, marketplace, externalId: shop.externalId, externalUserId: shop.externalUserId, name: shop.name, ...sealedTokenColumns(tokens) })
    .returning();
  return conn;
}

export const testDeps = async () => {
  const { adapterFor } = await import("@/lib/marketplaces");
  const { openAccessToken } = await import("@/lib/connections/token-store");
  return {
    adapterFor,
    sessionFor: (c: typeof marketplaceConnections.$inferSelect) => ({
      connectionId: c.id,
      externalId: c.externalId,
      externalUserId: c.externalUserId,
      accessToken: async () => openAccessToken(c) ?? "",
      refreshAccessToken: async () => openAccessToken(c) ?? "",
    }),
  };
};

export async function sync(connectionId: string, kind: SyncKind, step?: Step) {
  const outcome = await runConnectionSync(connectionId, kind, "manual", { step, deps: await testDeps() });
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
    .select({ conn: marketplaceConnections.marketplace, sku: channelItems.sku, seen: channelItems.lastSeenQuantity })
    .from(channelItems)
    .innerJoin(marketplaceConnections, eq(marketplaceConnections.id, channelItems.connectionId))
    .where(eq(channelItems.orgId, orgId))
    .orderBy(marketplaceConnections.marketplace, channelItems.sku);
  return { products: ps, movements: ms, orders: os, lines: ls, items };
}
