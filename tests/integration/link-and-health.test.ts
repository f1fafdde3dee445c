import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { apiCallCounts, auditEvents, channelItems, marketplaceConnections, syncRuns } from "@/db/schema";
import { countUnlinkedItems, linkChannelItem, listUnlinkedItems, searchProductsForPicker } from "@/lib/inventory/link";
import { getProduct, getProductHistory } from "@/lib/inventory/products";
import { getImportProgress, getSyncHealth, listSyncRuns, nextScheduled, requestSyncNow } from "@/lib/sync/health";
import { createChannelItem, createConnection, createOrg, createProduct, memberOf } from "../support/org-fixture";

describe("unlinked channel items", () => {
  it("links an item to an existing product or creates one from it with the channel's stock", async () => {
    const org = await createOrg();
    const ctx = await memberOf(org.id, "manager");
    const viewer = await memberOf(org.id, "viewer");
    const conn = await createConnection(org.id, "etsy");
    const mug = await createProduct(org.id, { sku: "MUG", title: "Blue mug", onHand: 4 });
    const a = await createChannelItem(org.id, conn.id, { sku: "etsy-123", title: "Mug, blue", quantity: 9 });
    const b = await createChannelItem(org.id, conn.id, { sku: "SCARF-1", title: "Wool scarf", quantity: 6 });

    expect((await listUnlinkedItems(ctx)).map((i) => i.title)).toEqual(["Mug, blue", "Wool scarf"]);
    expect(await countUnlinkedItems(ctx)).toBe(2); // the Inventory page's "2 listings are not linked" notice
    expect((await listUnlinkedItems(ctx, { q: "scarf" })).map((i) => i.id)).toEqual([b.id]);
    expect((await searchProductsForPicker(ctx, "blue")).map((p) => p.id)).toEqual([mug.id]);

    await expect(linkChannelItem(viewer, { mode: "existing", itemId: a.id, productId: mug.id })).rejects.toMatchObject({ status: 403 });
    await linkChannelItem(ctx, { mode: "existing", itemId: a.id, productId: mug.id });
    const [linked] = await db.select().from(channelItems).where(eq(channelItems.id, a.id));
    expect(linked).toMatchObject({ productId: mug.id, pushStatus: "pending" });
    expect((await getProduct(ctx, mug.id)).onHand).toBe(4);
    await expect(linkChannelItem(ctx, { mode: "existing", itemId: a.id, productId: mug.id })).rejects.toMatchObject({ status: 409 });

    const created = await linkChannelItem(ctx, { mode: "create", itemId: b.id });
    expect(created.created).toBe(true);
    expect(await getProduct(ctx, created.productId)).toMatchObject({ sku: "SCARF-1", title: "Wool scarf", onHand: 6 });
    expect((await getProductHistory(ctx, created.productId)).map((h) => h.reason)).toEqual(["import"]);
    expect(await listUnlinkedItems(ctx)).toEqual([]);
    expect(await countUnlinkedItems(ctx)).toBe(0);
  });

  it("never links across organizations", async () => {
    const orgA = await createOrg();
    const orgB = await createOrg();
    const ctxB = await memberOf(orgB.id, "owner");
    const connA = await createConnection(orgA.id, "ebay");
    const itemA = await createChannelItem(orgA.id, connA.id, {});
    const productB = await createProduct(orgB.id, {});
    expect(await listUnlinkedItems(ctxB)).toEqual([]);
    await expect(linkChannelItem(ctxB, { mode: "existing", itemId: itemA.id, productId: productB.id })).rejects.toMatchObject({ status: 404 });
  });
});

describe("sync health", () => {
  it("reports each shop's last run per kind, progress of running runs, errors and API calls today", async () => {
    const org = await createOrg();
    const ctx = await memberOf(org.id, "viewer");
    const etsy = await createConnection(org.id, "etsy", "Etsy shop");
    const now = new Date();
    const ago = (min: number) => new Date(now.getTime() - min * 60_000);
    await db.insert(syncRuns).values([
      { orgId: org.id, connectionId: etsy.id, kind: "orders", status: "succeeded", startedAt: ago(30), finishedAt: ago(29), apiCalls: 3 },
      { orgId: org.id, connectionId: etsy.id, kind: "orders", status: "failed", startedAt: ago(3), finishedAt: ago(3), apiCalls: 1, error: "Etsy is not answering (HTTP 503). We will retry." },
      { orgId: org.id, connectionId: etsy.id, kind: "listings", status: "running", startedAt: ago(1), itemsSeen: 40, progressTotal: 120, trigger: "connected" },
    ]);
    const day = now.toISOString().slice(0, 10);
    const before = (await getSyncHealth(ctx, now))[0].appCallsToday;
    await db
      .insert(apiCallCounts)
      .values({ appKey: "etsy:sandbox-etsy-key", day, calls: 7 })
      .onConflictDoUpdate({ target: [apiCallCounts.appKey, apiCallCounts.day], set: { calls: 7 } });

    const [h] = await getSyncHealth(ctx, now);
    expect(h.lastRuns.orders?.status).toBe("failed");
    expect(h.lastRuns.listings?.status).toBe("running");
    expect(h.running).toEqual([expect.objectContaining({ kind: "listings", done: 40, total: 120 })]);
    expect(h.recentErrors[0].message).toMatch(/HTTP 503/);
    expect(h.shopCallsToday).toBe(ago(30).toISOString().slice(0, 10) === day ? 4 : 1);
    expect(h.appCallsToday).toBeGreaterThanOrEqual(7);
    expect(h.appCallsToday - before).toBeLessThanOrEqual(7);
    expect(h.appDailyLimit).toBe(10000);
    expect(h.nextRuns.orders?.getTime()).toBe(now.getTime());

    expect((await listSyncRuns(ctx, { kind: "orders" })).total).toBe(2);
    expect((await listSyncRuns(ctx, { status: "failed" })).rows.map((r) => r.shopName)).toEqual(["Etsy shop"]);
    const other = await memberOf((await createOrg()).id, "owner");
    expect(await getSyncHealth(other)).toEqual([]);
    expect((await listSyncRuns(other, {})).total).toBe(0);
  });

  it("shows a first import's progress until the shop has finished one", async () => {
    const org = await createOrg();
    const ctx = await memberOf(org.id, "viewer");
    const conn = await createConnection(org.id, "ebay", "New eBay");
    await db.insert(syncRuns).values({ orgId: org.id, connectionId: conn.id, kind: "orders", status: "running", itemsSeen: 10, progressTotal: 50, trigger: "connected" });
    expect(await getImportProgress(ctx)).toEqual([{ connectionId: conn.id, shopName: "New eBay", marketplace: "ebay", done: 10, total: 50 }]);
    await db.update(marketplaceConnections).set({ listingsSyncedAt: new Date() }).where(eq(marketplaceConnections.id, conn.id));
    expect(await getImportProgress(ctx)).toEqual([]);
  });

  it("Sync now: managers of the shop's org only, audited", async () => {
    const org = await createOrg();
    const manager = await memberOf(org.id, "manager");
    const viewer = await memberOf(org.id, "viewer");
    const conn = await createConnection(org.id, "etsy");
    const stranger = await memberOf((await createOrg()).id, "owner");
    await expect(requestSyncNow(viewer, conn.id)).rejects.toMatchObject({ status: 403 });
    await expect(requestSyncNow(stranger, conn.id)).rejects.toMatchObject({ status: 404 });
    await requestSyncNow(manager, conn.id);
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.orgId, org.id));
    expect(audit.map((a) => [a.action, a.targetId])).toEqual([["sync.triggered", conn.id]]);
    await db.update(marketplaceConnections).set({ status: "needs_reconnect" }).where(eq(marketplaceConnections.id, conn.id));
    await expect(requestSyncNow(manager, conn.id)).rejects.toThrow(/reconnected/);
  });

  it.each([
    ["a new shop is due now for everything", { nextOrdersPollAt: null, listingsSyncedAt: null, fulfillmentCursor: null }, { orders: 0, listings: 0, fulfillment: 0 }],
    ["adaptive orders poll in 9 min, listings synced 5 min ago", { nextOrdersPollAt: 9, listingsSyncedAt: -5, fulfillmentCursor: -20 }, { orders: 9, listings: 10, fulfillment: 0 }],
    ["overdue orders poll is due now", { nextOrdersPollAt: -3, listingsSyncedAt: -1, fulfillmentCursor: -1 }, { orders: 0, listings: 14, fulfillment: 14 }],
  ])("next eBay syncs — %s", (_name, fields, dueInMin) => {
    const now = new Date("2026-01-01T12:00:00Z");
    const at = (m: number | null) => (m === null ? null : new Date(now.getTime() + m * 60_000));
    const next = nextScheduled(
      { marketplace: "ebay", nextOrdersPollAt: at(fields.nextOrdersPollAt), listingsSyncedAt: at(fields.listingsSyncedAt), fulfillmentCursor: at(fields.fulfillmentCursor) },
      now,
    );
    const inMin = Object.fromEntries(Object.entries(next).map(([k, d]) => [k, (d.getTime() - now.getTime()) / 60_000]));
    expect(inMin).toEqual(dueInMin);
  });
});
