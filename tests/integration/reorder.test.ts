import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { alerts, auditEvents, channelItems, organizations, products, stockMovements } from "@/db/schema";
import { checkLowStock } from "@/lib/alerts/low-stock";
import { applyMovement } from "@/lib/inventory/ledger";
import { getProductHistory } from "@/lib/inventory/products";
import { exportReorderCsv, listToReorder, receiveStock, updateReorderSettings } from "@/lib/inventory/reorder";
import { cancelKey, saleKey } from "@/lib/sync/import-orders";
import { createChannelItem, createConnection, createOrg, createProduct, memberOf } from "../support/org-fixture";

type Ctx = Awaited<ReturnType<typeof memberOf>>;

/** A sale (and optionally its cancellation) written the way order import writes them, `daysAgo` days back. */
async function sell(orgId: string, connectionId: string, productId: string, quantity: number, daysAgo: number, opts: { cancelledDaysAgo?: number } = {}) {
  const line = randomUUID();
  const at = (days: number) => sql`now() - make_interval(secs => ${days * 86_400})`;
  await db.transaction((tx) => applyMovement(tx, { orgId, productId, delta: -quantity, reason: "sale", sourceKey: saleKey(connectionId, line), actor: { type: "connection", id: connectionId } }));
  await db.update(stockMovements).set({ createdAt: at(daysAgo) }).where(eq(stockMovements.sourceKey, saleKey(connectionId, line)));
  if (opts.cancelledDaysAgo === undefined) return;
  await db.transaction((tx) => applyMovement(tx, { orgId, productId, delta: quantity, reason: "cancel", sourceKey: cancelKey(connectionId, line), actor: { type: "connection", id: connectionId } }));
  await db.update(stockMovements).set({ createdAt: at(opts.cancelledDaysAgo) }).where(eq(stockMovements.sourceKey, cancelKey(connectionId, line)));
}

const bySku = (rows: Awaited<ReturnType<typeof listToReorder>>) => Object.fromEntries(rows.map((r) => [r.sku, r]));

describe("To reorder", () => {
  let ctx: Ctx;
  let orgId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const org = await createOrg("Pottery");
    orgId = org.id;
    // The org default threshold is 4 here (not the env's 5), so a fallback to it is visible.
    await db.update(organizations).set({ settings: { lowStockThreshold: 4 } }).where(eq(organizations.id, orgId));
    ctx = await memberOf(orgId, "owner");
    const etsy = await createConnection(orgId, "etsy");
    // Stock as it stands after the sales below (they are written as movements, so on_hand follows).
    const start: [string, number, number | null][] = [
      ["FAST", 40, null], // on hand 40 - 30 sold in window = 10; threshold default 4; point set to 12 below
      ["SLOW", 13, 6], // 13 - 10 = 3, threshold 6 -> point 6
      ["IDLE", 2, null], // never sold, at 2 <= default 4
      ["OLDSALES", 23, 3], // 23 - 20 (all 40 days ago) = 3 -> listed, velocity 0
      ["CANCELS", 20, 8], // sold 12, 5 of them cancelled, one 40-day-old sale of 6 cancelled today
      ["HIGH", 50, null], // 50 on hand: above every point
      ["ARCHIVED", 1, null],
      ["EDGE", 4, null], // exactly at the default point of 4
    ];
    for (const [sku, onHand, threshold] of start) ids[sku] = (await createProduct(orgId, { sku, title: `${sku} product`, onHand, threshold })).id;
    await sell(orgId, etsy.id, ids.FAST, 10, 1);
    await sell(orgId, etsy.id, ids.FAST, 20, 29);
    await sell(orgId, etsy.id, ids.SLOW, 10, 15);
    await sell(orgId, etsy.id, ids.OLDSALES, 20, 40);
    await sell(orgId, etsy.id, ids.CANCELS, 7, 3);
    await sell(orgId, etsy.id, ids.CANCELS, 5, 2, { cancelledDaysAgo: 1 });
    await sell(orgId, etsy.id, ids.CANCELS, 6, 40, { cancelledDaysAgo: 0 });
    // CANCELS: 20 - 7 - 5 + 5 - 6 + 6 = 13 on hand, point 8: not low yet. Bring it down by hand.
    await db.transaction((tx) => applyMovement(tx, { orgId, productId: ids.CANCELS, delta: -6, reason: "manual", sourceKey: `manual:${randomUUID()}`, actor: { type: "system" } }));
    await db.update(products).set({ archivedAt: sql`now()` }).where(eq(products.id, ids.ARCHIVED));
    await updateReorderSettings(ctx, { productId: ids.FAST, reorderPoint: "12", reorderQuantity: "0" });
  });

  it("lists products at or below their reorder point with velocity over 30 days, days of cover and a suggestion, most urgent first", async () => {
    const rows = await listToReorder(ctx);
    expect(rows.map((r) => r.sku)).toEqual(["SLOW", "FAST", "CANCELS", "IDLE", "OLDSALES", "EDGE"]);
    const r = bySku(rows);
    // 30 units in 30 days: 1/day; 10 available -> 10 days; suggest 12 - 10 + 30.
    expect(r.FAST).toMatchObject({ onHand: 10, reorderPoint: 12, reorderPointSource: "product", netSold: 30, velocity: 1, daysOfCover: 10, suggested: 32 });
    expect(r.SLOW).toMatchObject({ onHand: 3, reorderPoint: 6, reorderPointSource: "threshold", netSold: 10, suggested: 13 });
    expect(r.SLOW.daysOfCover).toBeCloseTo(9, 10);
    // Sales of 40 days ago are outside the window.
    expect(r.OLDSALES).toMatchObject({ onHand: 3, reorderPoint: 3, netSold: 0, velocity: 0, daysOfCover: null, suggested: 1 });
    // 7 + 5 sold in the window, the 5 cancelled: 7 net. The cancellation today of a 40-day-old sale does not count.
    expect(r.CANCELS).toMatchObject({ onHand: 7, reorderPoint: 8, netSold: 7, suggested: 8 - 7 + 7 });
    expect(r.IDLE).toMatchObject({ onHand: 2, reorderPoint: 4, reorderPointSource: "default", daysOfCover: null, suggested: 3 });
    expect(r.EDGE).toMatchObject({ onHand: 4, reorderPoint: 4, suggested: 1 });
  });

  it("a reorder quantity is the suggestion; a reorder point of 0 takes a product off the list until it is out", async () => {
    await updateReorderSettings(ctx, { productId: ids.SLOW, reorderPoint: "", reorderQuantity: "24" });
    await updateReorderSettings(ctx, { productId: ids.IDLE, reorderPoint: "0", reorderQuantity: "0" });
    const r = bySku(await listToReorder(ctx));
    expect(r.SLOW).toMatchObject({ reorderPoint: 6, reorderPointSource: "threshold", reorderQuantity: 24, suggested: 24 });
    expect(r.IDLE).toBeUndefined();
    await updateReorderSettings(ctx, { productId: ids.SLOW, reorderPoint: "", reorderQuantity: "0" });
    await updateReorderSettings(ctx, { productId: ids.IDLE, reorderPoint: "", reorderQuantity: "0" });
  });

  it("exports the list as a purchase list", async () => {
    const csv = await exportReorderCsv(ctx);
    const lines = csv.trim().split("\n");
    expect(lines[0]).toBe("sku,title,on_hand,reorder_point,units_per_day,days_of_cover,suggested_quantity");
    expect(lines[1]).toBe("SLOW,SLOW product,3,6,0.33,9.0,13");
    expect(lines[2]).toBe("FAST,FAST product,10,12,1.00,10.0,32");
    expect(lines).toContain("IDLE,IDLE product,2,4,0.00,,3");
    expect(lines).toHaveLength(7);
  });

  it("editing the reorder settings is audited; a bad value is refused with the field's message", async () => {
    const [audit] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.action, "product.updated"), eq(auditEvents.targetId, ids.FAST)));
    expect(audit).toMatchObject({ actorUserId: ctx.userId, before: { reorderPoint: null, reorderQuantity: 0 }, after: { reorderPoint: 12, reorderQuantity: 0 } });
    await expect(updateReorderSettings(ctx, { productId: ids.FAST, reorderPoint: "-1", reorderQuantity: "0" })).rejects.toMatchObject({
      status: 400,
      fields: { reorderPoint: "The reorder point cannot be negative." },
    });
  });
});

describe("Received", () => {
  let orgId: string;
  let owner: Ctx;
  let productId: string;
  let itemId: string;

  beforeAll(async () => {
    orgId = (await createOrg("Candles")).id;
    owner = await memberOf(orgId, "manager", "Mia Manager");
    productId = (await createProduct(orgId, { sku: "CANDLE", title: "Beeswax candle", onHand: 1, threshold: 3 })).id;
    const etsy = await createConnection(orgId, "etsy");
    itemId = (await createChannelItem(orgId, etsy.id, { productId, quantity: 1 })).id;
    await checkLowStock(orgId, [productId]);
  });

  it("records one restock movement by the user, pushes the channels, resolves the low-stock alert and leaves the list", async () => {
    const key = randomUUID();
    const r = await receiveStock(owner, { productId, quantity: "12", key, note: "PO 1042" });
    expect(r).toEqual({ productId, sku: "CANDLE", onHand: 13, quantity: 12, alreadyRecorded: false });
    const moves = await db.select().from(stockMovements).where(and(eq(stockMovements.productId, productId), eq(stockMovements.reason, "restock")));
    expect(moves).toHaveLength(1);
    expect(moves[0]).toMatchObject({ delta: 12, onHandAfter: 13, actorType: "user", actorId: owner.userId, note: "PO 1042" });
    const [p] = await db.select({ onHand: products.onHand }).from(products).where(eq(products.id, productId));
    expect(p.onHand).toBe(13);
    const [item] = await db.select({ pushStatus: channelItems.pushStatus }).from(channelItems).where(eq(channelItems.id, itemId));
    expect(item.pushStatus).toBe("pending");
    const open = await db.select().from(alerts).where(and(eq(alerts.productId, productId), eq(alerts.state, "open")));
    expect(open).toEqual([]);
    const [history] = await getProductHistory(owner, productId, { limit: 1 });
    expect(history).toMatchObject({ reason: "restock", delta: 12, actor: "Mia Manager", note: "PO 1042" });
    const [audit] = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "stock.restock"), eq(auditEvents.targetId, productId)));
    expect(audit).toMatchObject({ orgId, actorUserId: owner.userId, before: { onHand: 1 }, after: { onHand: 13, delta: 12 } });
    expect((await listToReorder(owner)).map((x) => x.sku)).toEqual([]);
  });

  it("the same receipt submitted twice (or at once) is counted once", async () => {
    const key = randomUUID();
    const [a, b] = await Promise.all([receiveStock(owner, { productId, quantity: 5, key }), receiveStock(owner, { productId, quantity: 5, key })]);
    expect([a.alreadyRecorded, b.alreadyRecorded].sort()).toEqual([false, true]);
    const again = await receiveStock(owner, { productId, quantity: 5, key });
    expect(again).toMatchObject({ alreadyRecorded: true, onHand: 18 });
    const [p] = await db.select({ onHand: products.onHand }).from(products).where(eq(products.id, productId));
    expect(p.onHand).toBe(18);
    const [sum] = await db
      .select({ total: sql<number>`sum(${stockMovements.delta})::int`, n: sql<number>`count(*)::int` })
      .from(stockMovements)
      .where(eq(stockMovements.productId, productId));
    expect(sum).toEqual({ total: 18, n: 3 });
  });

  it("refuses a quantity that is not a positive whole number, next to the field", async () => {
    for (const quantity of ["0", "-4", "2.5", ""]) {
      await expect(receiveStock(owner, { productId, quantity, key: randomUUID() })).rejects.toMatchObject({ status: 400, fields: { quantity: expect.any(String) } });
    }
  });

  it("viewers cannot receive", async () => {
    const viewer = await memberOf(orgId, "viewer");
    await expect(receiveStock(viewer, { productId, quantity: 3, key: randomUUID() })).rejects.toMatchObject({ status: 403 });
    await expect(updateReorderSettings(viewer, { productId, reorderPoint: "9", reorderQuantity: "0" })).rejects.toMatchObject({ status: 403 });
  });

  it("another organization never sees nor receives this one's products", async () => {
    const other = await createOrg("Other");
    const them = await memberOf(other.id, "owner");
    await createProduct(other.id, { sku: "THEIRS", onHand: 0 });
    await db.update(products).set({ reorderPoint: 100 }).where(eq(products.id, productId));
    expect((await listToReorder(them)).map((r) => r.sku)).toEqual(["THEIRS"]);
    expect((await listToReorder(owner)).map((r) => r.sku)).toEqual(["CANDLE"]);
    await expect(receiveStock(them, { productId, quantity: 3, key: randomUUID() })).rejects.toMatchObject({ status: 404 });
    await expect(updateReorderSettings(them, { productId, reorderPoint: "1", reorderQuantity: "0" })).rejects.toMatchObject({ status: 404 });
  });
});
