import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { marketplaceConnections, memberships, stockMovements } from "@/db/schema";
import { chooseChannelLocation, listConnections } from "@/lib/connections";
import { defaultSyncDeps, type SyncDeps } from "@/lib/sync/deps";
import { runConnectionSync } from "@/lib/sync/run";
import type { SyncKind } from "@/lib/sync/runs";
import type { RunningSandbox } from "@/sandbox/app";
import { placeOrder, shopifyState } from "@/sandbox/shopify/store";
import { connectShop, onHand, startEngineSandbox } from "./engine-harness";
import { etsyAvailable, type Control } from "./sandbox-control";
import { makeOrg } from "./sync-fixtures";

// Shopify as the third channel, through the engine: the sandbox in process as Etsy, eBay and
// Shopify, a real database, the real adapters, syncs and pushes. Each test builds its own trio.

let control: Control;
let sandbox: RunningSandbox;
beforeAll(async () => {
  // The cost throttle has its own tests (shopify-throttle.test.ts); here a roomy bucket keeps each test to the engine's own waits.
  const started = await startEngineSandbox({ shopify: { bucketSize: 1_000_000, restorePerSecond: 1_000_000 } });
  control = started.control;
  sandbox = started.sandbox;
});
afterAll(async () => sandbox?.close());

const tag = () => `${Date.now() % 1_000_000}${Math.floor(Math.random() * 100)}`;

async function run(connectionId: string, kind: SyncKind, deps?: SyncDeps) {
  const outcome = await runConnectionSync(connectionId, kind, "manual", deps ? { deps } : {});
  if (outcome.status === "skipped") throw new Error(outcome.reason);
  return outcome.run;
}

/** One SKU on Etsy, eBay and Shopify, `quantity` everywhere, all three connected and imported. */
async function trio(t: string, quantity = 20, org?: { channelEditPolicy?: "accept" | "overwrite" }) {
  const o = await makeOrg(org);
  const sku = `TRI-${t}`;
  const shop = await control.etsyShop({ shop_name: `T${t}`, listings: [{ title: "Mug", sku, quantity, price: 12 }] });
  const seller = `t${t}`;
  await control.ebaySeller({ username: seller, items: [{ sku, title: "Mug", quantity, price: 12 }] });
  const domain = `t${t}.myshopify.com`;
  await control.shopifyShop({ domain, name: `Store ${t}`, products: [{ title: "Mug", variants: [{ sku, quantity, price: 12 }] }] });
  const etsy = await connectShop(o.id, "etsy", `T${t}`);
  const ebay = await connectShop(o.id, "ebay", seller);
  const shopify = await connectShop(o.id, "shopify", domain);
  for (const c of [etsy, ebay, shopify]) await run(c.id, "orders");
  return { org: o, sku, listing: shop.listing_ids[0] ?? 0, shopId: shop.shop_id, seller, domain, etsy, ebay, shopify };
}

async function ebayShows(seller: string, sku: string) {
  const item = (await control.ebayItem(seller, sku)) as { offers?: { availableQuantity?: number }[] };
  return item.offers?.[0]?.availableQuantity;
}

async function everywhere(t: Awaited<ReturnType<typeof trio>>) {
  return {
    ledger: await onHand(t.org.id, t.sku),
    etsy: etsyAvailable(await control.etsyListing(t.listing), t.sku),
    ebay: await ebayShows(t.seller, t.sku),
    shopify: await control.shopifyAvailable(t.domain, t.sku),
  };
}

async function channelEdits(orgId: string) {
  return db.select({ delta: stockMovements.delta }).from(stockMovements).where(and(eq(stockMovements.orgId, orgId), eq(stockMovements.reason, "channel_edit")));
}

async function pushAll(t: Awaited<ReturnType<typeof trio>>) {
  for (const c of [t.etsy, t.ebay, t.shopify]) await run(c.id, "push");
}

describe("Shopify next to Etsy and eBay", () => {
  it("a Shopify sale lowers Etsy and eBay; an Etsy sale lowers Shopify; cancelling the Shopify order restores all three", async () => {
    const t = await trio(tag());
    expect(await everywhere(t)).toEqual({ ledger: 20, etsy: 20, ebay: 20, shopify: 20 });

    const order = await control.shopifyOrder(t.domain, { lines: [{ sku: t.sku, quantity: 3 }] });
    await run(t.shopify.id, "orders");
    await pushAll(t);
    expect(await everywhere(t)).toEqual({ ledger: 17, etsy: 17, ebay: 17, shopify: 17 });

    await control.etsySale(t.shopId, { listing_id: t.listing, sku: t.sku, quantity: 2 });
    await run(t.etsy.id, "orders");
    await pushAll(t);
    expect(await everywhere(t)).toEqual({ ledger: 15, etsy: 15, ebay: 15, shopify: 15 });

    await control.shopifyCancel(order.id, { restock: true });
    await run(t.shopify.id, "orders");
    await pushAll(t);
    await run(t.shopify.id, "listings");
    expect(await everywhere(t)).toEqual({ ledger: 18, etsy: 18, ebay: 18, shopify: 18 });
    expect(await channelEdits(t.org.id)).toEqual([]);
  });

  it("an edit in Shopify admin is accepted into the ledger and reaches Etsy and eBay (policy: accept)", async () => {
    const t = await trio(tag());
    await control.shopifyEdit(t.domain, t.sku, 26);
    await run(t.shopify.id, "orders");
    await run(t.shopify.id, "listings");
    await pushAll(t);
    expect(await everywhere(t)).toEqual({ ledger: 26, etsy: 26, ebay: 26, shopify: 26 });
    expect(await channelEdits(t.org.id)).toEqual([{ delta: 6 }]);
  });

  it("an edit in Shopify admin is written back when Stockroom is the source of truth (policy: overwrite)", async () => {
    const t = await trio(tag(), 20, { channelEditPolicy: "overwrite" });
    await control.shopifyEdit(t.domain, t.sku, 26);
    await run(t.shopify.id, "orders");
    await run(t.shopify.id, "listings");
    await pushAll(t);
    expect(await everywhere(t)).toEqual({ ledger: 20, etsy: 20, ebay: 20, shopify: 20 });
  });

  it("a Shopify sale between a push's read and its write is never overwritten, nor taken for an edit", async () => {
    const t = await trio(tag(), 50);
    await control.ebayOrder(t.seller, { sku: t.sku, quantity: 2 });
    await run(t.ebay.id, "orders");
    expect(await onHand(t.org.id, t.sku)).toBe(48);

    // Shopify sells 3 once the push has read 50, before its compare-and-set of 48 arrives.
    let raced = false;
    const base = await defaultSyncDeps();
    const deps: SyncDeps = {
      ...base,
      sessionFor: async (c) => {
        const s = await base.sessionFor(c);
        return {
          ...s,
          onCall: (op) => {
            if (!raced && op.endsWith("SetAvailable")) {
              raced = true;
              const shop = shopifyState(sandbox.sandbox.state).shops[t.domain];
              const location = shop?.locations.find((l) => l.primary);
              if (!shop || !location) throw new Error("no sandbox store");
              const sold = placeOrder(sandbox.sandbox, shop, [{ sku: t.sku, quantity: 3 }], location);
              if ("error" in sold) throw new Error(sold.error);
            }
            s.onCall?.(op);
          },
        };
      },
    };
    await run(t.shopify.id, "push", deps);
    expect(raced).toBe(true);
    // The stale compare-and-set was refused, read again and written as 48 less the sale.
    expect(await control.shopifyAvailable(t.domain, t.sku)).toBe(45);

    await run(t.shopify.id, "orders");
    await run(t.shopify.id, "listings");
    await pushAll(t);
    expect(await everywhere(t)).toEqual({ ledger: 45, etsy: 45, ebay: 45, shopify: 45 });
    expect(await channelEdits(t.org.id)).toEqual([]);
  });

  it("a store with two locations: the primary is managed; moving to the other reads it first (no edit) and then sets it to what Stockroom holds", async () => {
    const t0 = tag();
    const o = await makeOrg();
    const sku = `LOC-${t0}`;
    const domain = `l${t0}.myshopify.com`;
    await control.shopifyShop({
      domain,
      name: `Store ${t0}`,
      locations: [{ name: "Shop floor" }, { name: "Warehouse" }],
      products: [{ title: "Mug", variants: [{ sku, quantities: { "Shop floor": 20, Warehouse: 7 }, price: 12 }] }],
    });
    const seller = `l${t0}`;
    await control.ebaySeller({ username: seller, items: [{ sku, title: "Mug", quantity: 20, price: 12 }] });
    const shopify = await connectShop(o.id, "shopify", domain);
    const ebay = await connectShop(o.id, "ebay", seller);
    for (const c of [shopify, ebay]) await run(c.id, "orders");
    expect(await onHand(o.id, sku)).toBe(20);

    const [card] = (await listConnections({ orgId: o.id, userId: "x", role: "owner" })).filter((c) => c.id === shopify.id);
    expect(card.locationName).toBe("Shop floor");
    expect(card.locations?.map((l) => [l.name, l.primary])).toEqual([
      ["Shop floor", true],
      ["Warehouse", false],
    ]);
    const warehouse = card.locations?.find((l) => l.name === "Warehouse")?.id ?? "";

    const [owner] = await db.select({ userId: memberships.userId }).from(memberships).where(eq(memberships.orgId, o.id)).limit(1);
    const ctx = { orgId: o.id, userId: owner.userId, role: "owner" as const };
    await expect(chooseChannelLocation(ctx, { connectionId: shopify.id, locationId: "gid://shopify/Location/999999" })).rejects.toThrow(/not one of this store's/);
    expect(await chooseChannelLocation(ctx, { connectionId: shopify.id, locationId: warehouse })).toMatch(/now manages the stock at Warehouse/);

    // Not read there yet: a push waits rather than judge the warehouse's 7 against the shop floor's 20.
    await run(shopify.id, "push");
    expect(await control.shopifyAvailable(domain, sku, "Warehouse")).toBe(7);
    await run(shopify.id, "listings");
    await run(shopify.id, "push");
    expect(await control.shopifyAvailable(domain, sku, "Warehouse")).toBe(20);
    expect(await control.shopifyAvailable(domain, sku, "Shop floor")).toBe(20);
    expect(await onHand(o.id, sku)).toBe(20);
    expect(await channelEdits(o.id)).toEqual([]);

    // From now on the warehouse is the one in step.
    await control.shopifyOrder(domain, { lines: [{ sku, quantity: 2 }], location: "Warehouse" });
    await run(shopify.id, "orders");
    await run(ebay.id, "push");
    expect(await onHand(o.id, sku)).toBe(18);
    expect(await ebayShows(seller, sku)).toBe(18);
    await run(shopify.id, "listings");
    expect(await channelEdits(o.id)).toEqual([]);
  }, 120_000);

  it("a store that uninstalled Stockroom (its webhook lost) stops syncing at the next poll, and the connection says to reconnect", async () => {
    const t = await trio(tag());
    await control.shopifyUninstall(t.domain);
    const outcome = await runConnectionSync(t.shopify.id, "orders", "manual");
    expect(outcome.status === "skipped" ? "skipped" : outcome.run.status).toBe("failed");
    const [row] = await db.select().from(marketplaceConnections).where(eq(marketplaceConnections.id, t.shopify.id));
    expect(row.status).toBe("needs_reconnect");
    expect(row.lastError).toBeTruthy();
    expect(await runConnectionSync(t.shopify.id, "orders", "manual")).toMatchObject({ status: "skipped" });
    // The other channels go on.
    await control.etsySale(t.shopId, { listing_id: t.listing, sku: t.sku, quantity: 1 });
    await run(t.etsy.id, "orders");
    await run(t.ebay.id, "push");
    expect(await ebayShows(t.seller, t.sku)).toBe(19);
  });
});
