import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { retryingTransaction } from "@/db/retry";
import { auditEvents, channelItems, products, stockMovements } from "@/db/schema";
import { createBundleFromItem, getBundleComponents, getBundlesUsing, setBundleComponents } from "@/lib/inventory/bundles";
import { applyMovement } from "@/lib/inventory/ledger";
import { listProducts } from "@/lib/inventory/queries";
import { recordManualAdjustment } from "@/lib/inventory/manual";
import { listToReorder, receiveStock } from "@/lib/inventory/reorder";
import { updateProductSettings } from "@/lib/inventory/products";
import { cancelKey, saleKey } from "@/lib/sync/import-orders";
import { createChannelItem, createConnection, createOrg, createProduct, memberOf } from "../support/org-fixture";

type Ctx = Awaited<ReturnType<typeof memberOf>>;

const onHand = async (id: string) => (await db.select({ v: products.onHand }).from(products).where(eq(products.id, id)))[0].v;

describe("bundles in the ledger", () => {
  let ctx: Ctx;
  let conn: { id: string };
  const sell = (productId: string, quantity: number, line: string) =>
    db.transaction((tx) => applyMovement(tx, { orgId: ctx.orgId, productId, delta: -quantity, reason: "sale", sourceKey: saleKey(conn.id, line), actor: { type: "connection", id: conn.id } }));
  const cancel = (productId: string, quantity: number, line: string) =>
    db.transaction((tx) =>
      applyMovement(tx, { orgId: ctx.orgId, productId, delta: quantity, reason: "cancel", sourceKey: cancelKey(conn.id, line), reverses: saleKey(conn.id, line), actor: { type: "connection", id: conn.id } }),
    );

  beforeAll(async () => {
    const org = await createOrg("Gift sets");
    ctx = await memberOf(org.id, "owner");
    conn = await createConnection(org.id, "etsy");
  });

  it("a gift set of 1 mug + 2 candles shows what its components allow, and its sale takes them", async () => {
    const mug = await createProduct(ctx.orgId, { sku: `MUG-${randomUUID().slice(0, 4)}`, onHand: 10 });
    const candle = await createProduct(ctx.orgId, { sku: `CANDLE-${randomUUID().slice(0, 4)}`, onHand: 9, reserve: 1 });
    const set = await createProduct(ctx.orgId, { sku: `SET-${randomUUID().slice(0, 4)}` });
    const item = await createChannelItem(ctx.orgId, conn.id, { productId: set.id });
    const r = await setBundleComponents(ctx, {
      bundleId: set.id,
      components: [
        { componentId: mug.id, quantity: 1 },
        { componentId: candle.id, quantity: 2 },
      ],
    });
    // candles: (9 - 1 reserve) / 2 = 4; mugs: 10.
    expect(r.onHand).toBe(4);
    expect((await db.select().from(channelItems).where(eq(channelItems.id, item.id)))[0].pushStatus).toBe("pending");
    // The inventory marks the set a bundle (its stock is not edited there), and its components not.
    const listed = await listProducts(ctx, { pageSize: 100 });
    expect(Object.fromEntries(listed.rows.filter((p) => [mug.id, candle.id, set.id].includes(p.id)).map((p) => [p.sku, p.bundle]))).toEqual({ [mug.sku]: false, [candle.sku]: false, [set.sku]: true });
    const line = randomUUID();
    await sell(set.id, 2, line);
    expect([await onHand(mug.id), await onHand(candle.id), await onHand(set.id)]).toEqual([8, 5, 2]);
    // A replay of the same sale counts once.
    const replay = await sell(set.id, 2, line);
    expect(replay.applied).toBe(false);
    expect([await onHand(mug.id), await onHand(candle.id), await onHand(set.id)]).toEqual([8, 5, 2]);
    const moves = await db.select().from(stockMovements).where(eq(stockMovements.parentKey, saleKey(conn.id, line)));
    expect(moves.map((m) => [m.productId, m.delta, m.reason]).sort()).toEqual(
      [
        [mug.id, -2, "bundle_sale"],
        [candle.id, -4, "bundle_sale"],
      ].sort(),
    );
    // The cancellation gives back what the sale took, even after the bundle changed.
    await setBundleComponents(ctx, { bundleId: set.id, components: [{ componentId: mug.id, quantity: 1 }] });
    await cancel(set.id, 2, line);
    await cancel(set.id, 2, line);
    expect([await onHand(mug.id), await onHand(candle.id), await onHand(set.id)]).toEqual([10, 9, 10]);
    expect(await getBundleComponents(ctx, set.id)).toMatchObject([{ id: mug.id, quantity: 1, allows: 10 }]);
    expect(await getBundlesUsing(ctx, mug.id)).toMatchObject([{ id: set.id, quantity: 1 }]);
    const audits = await db.select().from(auditEvents).where(and(eq(auditEvents.targetId, set.id), eq(auditEvents.action, "product.bundle_changed")));
    expect(audits).toHaveLength(2);
  });

  it("a sale of the last mug lowers every bundle that needs a mug to 0, and a reserve change re-derives them", async () => {
    const mug = await createProduct(ctx.orgId, { onHand: 1 });
    const plate = await createProduct(ctx.orgId, { onHand: 5 });
    const a = await createProduct(ctx.orgId);
    const b = await createProduct(ctx.orgId);
    await setBundleComponents(ctx, { bundleId: a.id, components: [{ componentId: mug.id, quantity: 1 }] });
    await setBundleComponents(ctx, {
      bundleId: b.id,
      components: [
        { componentId: mug.id, quantity: 1 },
        { componentId: plate.id, quantity: 1 },
      ],
    });
    expect([await onHand(a.id), await onHand(b.id)]).toEqual([1, 1]);
    await sell(mug.id, 1, randomUUID());
    expect([await onHand(a.id), await onHand(b.id)]).toEqual([0, 0]);
    await recordManualAdjustment(ctx, { productId: mug.id, set: 6 });
    expect([await onHand(a.id), await onHand(b.id)]).toEqual([6, 5]);
    await updateProductSettings(ctx, { productId: plate.id, lowStockThreshold: "", reserve: 3 });
    expect([await onHand(a.id), await onHand(b.id)]).toEqual([6, 2]);
  });

  it("people editing a component at once, beside a sale: every edit kept, the bundle re-derived in each edit's transaction", async () => {
    // An edit of a product in no bundle commits by its own statement; a component's goes through a
    // transaction with its bundles. Both kinds race here, on the same rows.
    const mug = await createProduct(ctx.orgId, { onHand: 10 });
    const loose = await createProduct(ctx.orgId, { onHand: 20 });
    const set = await createProduct(ctx.orgId);
    await setBundleComponents(ctx, { bundleId: set.id, components: [{ componentId: mug.id, quantity: 2 }] });
    await Promise.all([
      ...Array.from({ length: 12 }, () => recordManualAdjustment(ctx, { productId: mug.id, delta: 1 })),
      ...Array.from({ length: 12 }, () => recordManualAdjustment(ctx, { productId: loose.id, delta: -1 })),
      sell(mug.id, 3, randomUUID()),
    ]);
    expect(await onHand(mug.id)).toBe(19);
    expect(await onHand(set.id)).toBe(9);
    expect(await onHand(loose.id)).toBe(8);
    const manual = await db.select({ p: stockMovements.productId }).from(stockMovements).where(and(eq(stockMovements.orgId, ctx.orgId), eq(stockMovements.reason, "manual")));
    expect([manual.filter((r) => r.p === mug.id).length, manual.filter((r) => r.p === loose.id).length]).toEqual([12, 12]);
  });

  it("nested bundles take each stocked product once per unit they need", async () => {
    const mug = await createProduct(ctx.orgId, { onHand: 12 });
    const set = await createProduct(ctx.orgId);
    const box = await createProduct(ctx.orgId);
    await setBundleComponents(ctx, { bundleId: set.id, components: [{ componentId: mug.id, quantity: 2 }] });
    await setBundleComponents(ctx, {
      bundleId: box.id,
      components: [
        { componentId: set.id, quantity: 2 },
        { componentId: mug.id, quantity: 1 },
      ],
    });
    // One box = 2 sets (4 mugs) + 1 mug = 5 mugs; sum() is numeric in SQL, so this also checks the division rounds down.
    expect([await onHand(set.id), await onHand(box.id)]).toEqual([6, 2]);
    await sell(box.id, 1, randomUUID());
    expect([await onHand(mug.id), await onHand(set.id), await onHand(box.id)]).toEqual([7, 3, 1]);
  });

  it("refuses cycles, stock edits on a bundle, and a bundle of itself", async () => {
    const mug = await createProduct(ctx.orgId, { onHand: 3 });
    const a = await createProduct(ctx.orgId, { sku: `A-${randomUUID().slice(0, 4)}` });
    const b = await createProduct(ctx.orgId, { sku: `B-${randomUUID().slice(0, 4)}` });
    await setBundleComponents(ctx, { bundleId: a.id, components: [{ componentId: mug.id, quantity: 1 }] });
    await setBundleComponents(ctx, { bundleId: b.id, components: [{ componentId: a.id, quantity: 1 }] });
    await expect(setBundleComponents(ctx, { bundleId: a.id, components: [{ componentId: b.id, quantity: 1 }] })).rejects.toMatchObject({
      status: 400,
      fields: { components: expect.stringContaining("cannot contain itself") },
    });
    await expect(setBundleComponents(ctx, { bundleId: a.id, components: [{ componentId: a.id, quantity: 1 }] })).rejects.toMatchObject({ status: 400 });
    await expect(recordManualAdjustment(ctx, { productId: a.id, delta: 5 })).rejects.toThrow("a bundle's stock comes from its components");
    expect(await onHand(a.id)).toBe(3);
  });

  it("a product that stops being a bundle holds its own stock again", async () => {
    const mug = await createProduct(ctx.orgId, { onHand: 3 });
    const p = await createProduct(ctx.orgId, { onHand: 7 });
    await setBundleComponents(ctx, { bundleId: p.id, components: [{ componentId: mug.id, quantity: 1 }] });
    expect(await onHand(p.id)).toBe(3);
    await setBundleComponents(ctx, { bundleId: p.id, components: [] });
    expect(await onHand(p.id)).toBe(7);
  });

  it("an unlinked listing becomes a new bundle product, linked, without taking the channel's quantity as stock", async () => {
    const mug = await createProduct(ctx.orgId, { onHand: 4 });
    const item = await createChannelItem(ctx.orgId, conn.id, { quantity: 9 });
    const r = await createBundleFromItem(ctx, { itemId: item.id, components: [{ componentId: mug.id, quantity: 2 }] });
    expect(r.onHand).toBe(2);
    const [linked] = await db.select().from(channelItems).where(eq(channelItems.id, item.id));
    expect(linked).toMatchObject({ productId: r.productId, pushStatus: "pending" });
    expect(await db.select().from(stockMovements).where(eq(stockMovements.productId, r.productId))).toHaveLength(0);
  });

  it("To reorder counts a component's sales in bundles (less their cancellations) and never lists a bundle", async () => {
    const org = await createOrg("Reorder bundles");
    const owner = await memberOf(org.id, "owner");
    const mug = await createProduct(org.id, { sku: "MUG", onHand: 6 });
    const set = await createProduct(org.id, { sku: "SET" });
    await setBundleComponents(owner, { bundleId: set.id, components: [{ componentId: mug.id, quantity: 2 }] });
    const [a, b] = [randomUUID(), randomUUID()];
    const run = (productId: string, delta: number, line: string, cancelled = false) =>
      db.transaction((tx) =>
        applyMovement(tx, {
          orgId: org.id,
          productId,
          delta,
          reason: cancelled ? "cancel" : "sale",
          sourceKey: cancelled ? cancelKey(conn.id, line) : saleKey(conn.id, line),
          reverses: cancelled ? saleKey(conn.id, line) : undefined,
          actor: { type: "connection", id: conn.id },
        }),
      );
    await run(set.id, -1, a);
    await run(set.id, -1, b);
    await run(set.id, 1, b, true);
    const rows = await listToReorder(owner);
    expect(rows.map((r) => r.sku)).toEqual(["MUG"]);
    expect(rows[0]).toMatchObject({ onHand: 4, netSold: 2 });
    await expect(receiveStock(owner, { productId: set.id, quantity: 3, key: randomUUID() })).rejects.toThrow("a bundle's stock comes from its components");
  });

  it("concurrent sales of a bundle and of its components leave the bundle at exactly what the components allow", async () => {
    const mug = await createProduct(ctx.orgId, { onHand: 40 });
    const candle = await createProduct(ctx.orgId, { onHand: 60 });
    const set = await createProduct(ctx.orgId);
    const duo = await createProduct(ctx.orgId);
    await setBundleComponents(ctx, {
      bundleId: set.id,
      components: [
        { componentId: mug.id, quantity: 1 },
        { componentId: candle.id, quantity: 2 },
      ],
    });
    await setBundleComponents(ctx, { bundleId: duo.id, components: [{ componentId: mug.id, quantity: 2 }] });
    const products = [mug.id, candle.id, set.id, duo.id];
    // On PostgreSQL these run on separate connections and interleave; deadlocks are retried as in production.
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        retryingTransaction((tx) =>
          applyMovement(tx, { orgId: ctx.orgId, productId: products[i % 4], delta: -1, reason: "sale", sourceKey: saleKey(conn.id, randomUUID()), actor: { type: "connection", id: conn.id } }),
        ),
      ),
    );
    // 6 sales each: mugs 40 - 6 - 6 (sets) - 12 (duos) = 16; candles 60 - 6 - 12 = 42.
    expect([await onHand(mug.id), await onHand(candle.id)]).toEqual([16, 42]);
    expect([await onHand(set.id), await onHand(duo.id)]).toEqual([16, 8]);
  });
});
