import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents, channelItems, stockMovements } from "@/db/schema";
import { applyMovement } from "@/lib/inventory/ledger";
import { recordBulkAdjustment, recordManualAdjustment } from "@/lib/inventory/manual";
import { getProduct, getProductHistory, getStockSeries, updateProductSettings } from "@/lib/inventory/products";
import { listProducts } from "@/lib/inventory/queries";
import { createChannelItem, createConnection, createOrg, createProduct, memberOf } from "../support/org-fixture";

describe("inventory table", () => {
  let org: Awaited<ReturnType<typeof createOrg>>;
  let ctx: Awaited<ReturnType<typeof memberOf>>;
  const ids: Record<string, string> = {};
  let etsy: { id: string };

  beforeAll(async () => {
    org = await createOrg();
    ctx = await memberOf(org.id, "owner");
    etsy = await createConnection(org.id, "etsy");
    const ebay = await createConnection(org.id, "ebay");
    for (const [sku, title, onHand, threshold] of [
      ["MUG-RED", "Red mug", 2, null],
      ["MUG-BLUE", "Blue mug", 40, null],
      ["BOWL-1", "Stoneware bowl", 0, null],
      ["VASE", "Tall vase", 8, 10],
    ] as const) {
      ids[sku] = (await createProduct(org.id, { sku, title, onHand, threshold })).id;
    }
    await createChannelItem(org.id, etsy.id, { productId: ids["MUG-RED"], quantity: 2 });
    await createChannelItem(org.id, ebay.id, { productId: ids["MUG-RED"], quantity: 3, pushStatus: "failed", pushError: "eBay refused the quantity" });
    await createChannelItem(org.id, ebay.id, { productId: ids["MUG-BLUE"], quantity: 40 });
    await createChannelItem(org.id, etsy.id, { productId: ids["VASE"], quantity: 8 });
  });

  const skus = (page: Awaited<ReturnType<typeof listProducts>>) => page.rows.map((r) => r.sku);

  it("lists products with each channel's quantity and push state", async () => {
    const page = await listProducts(ctx, {});
    expect(page.total).toBe(4);
    expect(page.connections.map((c) => c.marketplace)).toEqual(["ebay", "etsy"]);
    const red = page.rows.find((r) => r.sku === "MUG-RED");
    expect(red?.channels).toHaveLength(2);
    expect(red?.channels.find((c) => c.pushStatus === "failed")).toMatchObject({ quantity: 3, pushError: "eBay refused the quantity" });
    expect(red?.channels.every((c) => c.listingUrl?.startsWith("https://"))).toBe(true);
  });

  it("sorts by on hand both ways and paginates", async () => {
    expect(skus(await listProducts(ctx, { sort: "on_hand", dir: "asc" }))).toEqual(["BOWL-1", "MUG-RED", "VASE", "MUG-BLUE"]);
    expect(skus(await listProducts(ctx, { sort: "on_hand", dir: "desc" }))).toEqual(["MUG-BLUE", "VASE", "MUG-RED", "BOWL-1"]);
    const second = await listProducts(ctx, { sort: "sku", pageSize: 3, page: 2 });
    expect(second).toMatchObject({ total: 4, page: 2 });
    expect(skus(second)).toEqual(["VASE"]);
  });

  it("equal titles read in SKU order, whichever was created first", async () => {
    const other = await createOrg();
    const octx = await memberOf(other.id, "owner");
    for (const sku of ["TEE-M", "TEE-L", "TEE-S"]) await createProduct(other.id, { sku, title: "Linen tee", onHand: 1, threshold: null });
    expect(skus(await listProducts(octx, { sort: "title" }))).toEqual(["TEE-L", "TEE-M", "TEE-S"]);
    expect(skus(await listProducts(octx, { sort: "on_hand" }))).toEqual(["TEE-L", "TEE-M", "TEE-S"]);
  });

  it("searches title and SKU, case-insensitively, treating % literally", async () => {
    expect(skus(await listProducts(ctx, { q: "mug", sort: "sku" }))).toEqual(["MUG-BLUE", "MUG-RED"]);
    expect(skus(await listProducts(ctx, { q: "stoneware" }))).toEqual(["BOWL-1"]);
    expect((await listProducts(ctx, { q: "%" })).total).toBe(0);
  });

  it("filters low stock (own threshold or the org default of 5), out of stock, unlinked, push failed and channel", async () => {
    expect(skus(await listProducts(ctx, { filter: "low", sort: "sku" }))).toEqual(["BOWL-1", "MUG-RED", "VASE"]);
    expect(skus(await listProducts(ctx, { filter: "out" }))).toEqual(["BOWL-1"]);
    expect(skus(await listProducts(ctx, { filter: "unlinked" }))).toEqual(["BOWL-1"]);
    expect(skus(await listProducts(ctx, { filter: "push_failed" }))).toEqual(["MUG-RED"]);
    expect(skus(await listProducts(ctx, { channel: etsy.id, sort: "sku" }))).toEqual(["MUG-RED", "VASE"]);
    const page = await listProducts(ctx, { sort: "sku" });
    expect(page.rows.map((r) => r.low)).toEqual([true, false, true, true]);
  });

  it("never shows one organization's products to another", async () => {
    const other = await createOrg("Other");
    const otherCtx = await memberOf(other.id, "owner");
    await createProduct(other.id, { sku: "MUG-RED", title: "Their red mug", onHand: 99 });
    const theirs = await listProducts(otherCtx, {});
    expect(theirs.total).toBe(1);
    expect(theirs.rows[0]).toMatchObject({ title: "Their red mug", onHand: 99, channels: [] });
    expect(theirs.connections).toEqual([]);
    await expect(getProduct(otherCtx, ids["MUG-RED"])).rejects.toMatchObject({ status: 404 });
    await expect(recordManualAdjustment(otherCtx, { productId: ids["MUG-RED"], delta: 1 })).rejects.toMatchObject({ status: 404 });
    expect(await getProductHistory(otherCtx, ids["MUG-RED"])).toEqual([]);
  });
});

describe("manual stock edits", () => {
  it("setting a value writes a manual movement by the user, marks channels pending and is audited", async () => {
    const org = await createOrg();
    const ctx = await memberOf(org.id, "manager", "Mia Manager");
    const p = await createProduct(org.id, { onHand: 7 });
    const conn = await createConnection(org.id, "etsy");
    const item = await createChannelItem(org.id, conn.id, { productId: p.id, quantity: 7 });

    const r = await recordManualAdjustment(ctx, { productId: p.id, set: 12, reason: "Found a box in the back" });
    expect(r).toMatchObject({ onHandBefore: 7, onHand: 12, delta: 5 });

    const [latest] = await getProductHistory(ctx, p.id);
    expect(latest).toMatchObject({ reason: "manual", delta: 5, onHandAfter: 12, actor: "Mia Manager", note: "Found a box in the back" });
    expect(latest.sourceKey).toMatch(/^manual:[0-9a-f-]{36}$/);
    const [it] = await db.select().from(channelItems).where(eq(channelItems.id, item.id));
    expect(it.pushStatus).toBe("pending");
    const audits = await db.select().from(auditEvents).where(and(eq(auditEvents.orgId, org.id), eq(auditEvents.action, "stock.manual_edit")));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorUserId: ctx.userId, targetId: p.id, before: { onHand: 7 } });
  });

  it("refuses a change that would make stock negative, and refuses viewers", async () => {
    const org = await createOrg();
    const manager = await memberOf(org.id, "manager");
    const viewer = await memberOf(org.id, "viewer");
    const p = await createProduct(org.id, { onHand: 3 });
    await expect(recordManualAdjustment(manager, { productId: p.id, delta: -4 })).rejects.toMatchObject({ status: 400 });
    await expect(recordManualAdjustment(manager, { productId: p.id, set: -1 })).rejects.toThrow();
    await expect(recordManualAdjustment(manager, { productId: p.id, set: 1, delta: 1 })).rejects.toThrow(/Either set/);
    await expect(recordManualAdjustment(viewer, { productId: p.id, delta: 1 })).rejects.toMatchObject({ status: 403 });
    expect((await getProduct(manager, p.id)).onHand).toBe(3);
    expect(await getProductHistory(manager, p.id)).toHaveLength(1);
  });

  it("an oversold product (below zero) can still be raised", async () => {
    const org = await createOrg();
    const manager = await memberOf(org.id, "manager");
    const p = await createProduct(org.id, { onHand: 1 });
    await db.transaction((tx) =>
      applyMovement(tx, { orgId: org.id, productId: p.id, delta: -3, reason: "sale", sourceKey: `test-sale:${p.id}`, actor: { type: "system" } }),
    );
    expect((await recordManualAdjustment(manager, { productId: p.id, delta: 1 })).onHand).toBe(-1);
    await expect(recordManualAdjustment(manager, { productId: p.id, delta: -1 })).rejects.toMatchObject({ status: 400 });
    expect((await recordManualAdjustment(manager, { productId: p.id, set: 4 })).onHand).toBe(4);
  });

  it("20 people adjusting the same product at once: every edit is kept and the sum is exact", async () => {
    const org = await createOrg();
    const ctx = await memberOf(org.id, "owner");
    const p = await createProduct(org.id, { onHand: 100 });
    const deltas = Array.from({ length: 20 }, (_, i) => (i % 3 === 0 ? -2 : i + 1));
    await Promise.all(deltas.map((delta) => recordManualAdjustment(ctx, { productId: p.id, delta })));
    const expected = 100 + deltas.reduce((a, b) => a + b, 0);
    expect((await getProduct(ctx, p.id)).onHand).toBe(expected);
    const manual = await db.select().from(stockMovements).where(and(eq(stockMovements.productId, p.id), eq(stockMovements.reason, "manual")));
    expect(manual).toHaveLength(20);
    // The movements form one chain from 100 to the total: each starts where another ended
    // (no lost update), so the starts are exactly 100 plus every end but the final one.
    const starts = manual.map((m) => m.onHandAfter - m.delta).sort((a, b) => a - b);
    const ends = manual.map((m) => m.onHandAfter);
    expect(ends).toContain(expected);
    ends.splice(ends.indexOf(expected), 1);
    expect(starts).toEqual([100, ...ends].sort((a, b) => a - b));
    // And in time order the history is that chain, as the product page shows it.
    const inOrder = [...manual].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    inOrder.forEach((m, i) => expect(m.onHandAfter - m.delta).toBe(i === 0 ? 100 : inOrder[i - 1].onHandAfter));
  });

  it("two concurrent 'set' edits both land as movements and the last one wins", async () => {
    const org = await createOrg();
    const ctx = await memberOf(org.id, "owner");
    const p = await createProduct(org.id, { onHand: 5 });
    const [a, b] = await Promise.all([recordManualAdjustment(ctx, { productId: p.id, set: 10 }), recordManualAdjustment(ctx, { productId: p.id, set: 3 })]);
    const final = (await getProduct(ctx, p.id)).onHand;
    // Whichever committed second saw the first one's value as its "before" and wins.
    const [first, second] = a.onHandBefore === 5 ? [a, b] : [b, a];
    expect(second.onHandBefore).toBe(first.onHand);
    expect(final).toBe(second.onHand);
    expect(await getProductHistory(ctx, p.id)).toHaveLength(3);
  });

  it("bulk edit applies to every selected product or to none", async () => {
    const org = await createOrg();
    const ctx = await memberOf(org.id, "owner");
    const a = await createProduct(org.id, { sku: "A", onHand: 5 });
    const b = await createProduct(org.id, { sku: "B", onHand: 1 });
    await expect(recordBulkAdjustment(ctx, { productIds: [a.id, b.id], delta: -2 })).rejects.toThrow(/B has 1 on hand/);
    expect((await getProduct(ctx, a.id)).onHand).toBe(5);
    const r = await recordBulkAdjustment(ctx, { productIds: [a.id, b.id], delta: 3, reason: "Restock" });
    expect(r.map((x) => x.onHand).sort()).toEqual([4, 8]);
    const set = await recordBulkAdjustment(ctx, { productIds: [a.id, b.id], set: 0 });
    expect(set.every((x) => x.onHand === 0)).toBe(true);
  });
});

describe("product page", () => {
  it("shows channel items, history with actors, a daily series, and saves threshold and reserve", async () => {
    const org = await createOrg();
    const ctx = await memberOf(org.id, "owner", "Olive Owner");
    const viewer = await memberOf(org.id, "viewer");
    const conn = await createConnection(org.id, "ebay", "Olive's eBay");
    const p = await createProduct(org.id, { onHand: 10 });
    const item = await createChannelItem(org.id, conn.id, { productId: p.id, quantity: 10 });
    await recordManualAdjustment(ctx, { productId: p.id, delta: -4 });

    const detail = await getProduct(ctx, p.id);
    expect(detail).toMatchObject({ onHand: 6, threshold: 5, thresholdIsDefault: true, available: 6, low: false });
    expect(detail.items).toEqual([expect.objectContaining({ id: item.id, shopName: "Olive's eBay", marketplace: "ebay", pushStatus: "pending" })]);

    const history = await getProductHistory(ctx, p.id);
    expect(history.map((h) => [h.reason, h.delta, h.onHandAfter, h.actor])).toEqual([
      ["manual", -4, 6, "Olive Owner"],
      ["import", 10, 10, "Stockroom"],
    ]);
    const series = await getStockSeries(ctx, p.id, 7);
    // Imported today: the chart starts today, with no zeros drawn for the days before.
    expect(series).toEqual([{ onHand: 6, day: new Date().toISOString().slice(0, 10) }]);

    await db.update(channelItems).set({ pushStatus: "in_sync" }).where(eq(channelItems.id, item.id));
    await expect(updateProductSettings(viewer, { productId: p.id, lowStockThreshold: 2, reserve: 1 })).rejects.toMatchObject({ status: 403 });
    await updateProductSettings(ctx, { productId: p.id, lowStockThreshold: 8, reserve: 2 });
    const after = await getProduct(ctx, p.id);
    expect(after).toMatchObject({ threshold: 8, thresholdIsDefault: false, reserve: 2, available: 4, low: true });
    expect(after.items[0].pushStatus).toBe("pending");
    await updateProductSettings(ctx, { productId: p.id, lowStockThreshold: "", reserve: 2 });
    expect(await getProduct(ctx, p.id)).toMatchObject({ threshold: 5, thresholdIsDefault: true });
  });
});
