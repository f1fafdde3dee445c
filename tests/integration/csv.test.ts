import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents, stockMovements } from "@/db/schema";
import { applyStockCsv, exportInventoryCsv, exportMovementsCsv, previewStockCsv } from "@/lib/inventory/csv";
import { recordManualAdjustment } from "@/lib/inventory/manual";
import { getProduct } from "@/lib/inventory/products";
import { createOrg, createProduct, memberOf } from "../support/org-fixture";

async function shop() {
  const org = await createOrg();
  const ctx = await memberOf(org.id, "manager", "Cass");
  const mug = await createProduct(org.id, { sku: "MUG", title: "Mug", onHand: 5 });
  const bowl = await createProduct(org.id, { sku: "BOWL", title: "=Bowl", onHand: 2 });
  return { org, ctx, mug, bowl };
}

describe("CSV import and export", () => {
  it("previews every change and every invalid row with its line number, writing nothing", async () => {
    const { ctx, mug } = await shop();
    const plan = await previewStockCsv(ctx, "sku,on_hand\nMUG,8\nGHOST,1\nBOWL,x\n");
    expect(plan.changes).toEqual([expect.objectContaining({ line: 2, sku: "MUG", before: 5, after: 8 })]);
    expect(plan.errors.map((e) => e.line)).toEqual([3, 4]);
    expect((await getProduct(ctx, mug.id)).onHand).toBe(5);
  });

  it("applies all or nothing: one bad row and no product changes", async () => {
    const { ctx, org, mug, bowl } = await shop();
    const { importId } = await previewStockCsv(ctx, "sku,delta\nMUG,3\nBOWL,-5\n");
    await expect(applyStockCsv(ctx, { importId, text: "sku,delta\nMUG,3\nBOWL,-5\n" })).rejects.toMatchObject({
      status: 400,
      rowErrors: [{ line: 3, sku: "BOWL", message: "BOWL has 2 on hand; -5 would make it -3." }],
    });
    expect((await getProduct(ctx, mug.id)).onHand).toBe(5);
    expect((await getProduct(ctx, bowl.id)).onHand).toBe(2);
    const csvMoves = await db.select().from(stockMovements).where(and(eq(stockMovements.orgId, org.id), eq(stockMovements.reason, "csv_import")));
    expect(csvMoves).toEqual([]);
  });

  it("writes csv_import movements keyed by import and SKU, once, and audits the import", async () => {
    const { ctx, org, mug, bowl } = await shop();
    const text = "sku,on_hand\nMUG,9\nBOWL,2\n";
    const { importId } = await previewStockCsv(ctx, text);
    expect(await applyStockCsv(ctx, { importId, text })).toEqual({ importId, changed: 1, unchanged: 1, rulesChanged: 0 });
    // Applying the same import again (a double click, a retry) changes nothing.
    await applyStockCsv(ctx, { importId, text });
    expect((await getProduct(ctx, mug.id)).onHand).toBe(9);
    expect((await getProduct(ctx, bowl.id)).onHand).toBe(2);
    const moves = await db.select().from(stockMovements).where(and(eq(stockMovements.orgId, org.id), eq(stockMovements.reason, "csv_import")));
    expect(moves.map((m) => [m.sourceKey, m.delta, m.actorId])).toEqual([[`csv:${importId}:MUG`, 4, ctx.userId]]);
    const audit = await db.select().from(auditEvents).where(and(eq(auditEvents.orgId, org.id), eq(auditEvents.action, "stock.csv_import")));
    expect(audit.length).toBeGreaterThanOrEqual(1);
  });

  it("counts a sale made between preview and apply instead of overwriting it (delta mode)", async () => {
    const { ctx, mug } = await shop();
    const text = "sku,delta\nMUG,10\n";
    const { importId } = await previewStockCsv(ctx, text);
    await recordManualAdjustment(ctx, { productId: mug.id, delta: -1 });
    await applyStockCsv(ctx, { importId, text });
    expect((await getProduct(ctx, mug.id)).onHand).toBe(14);
  });

  it("exports the inventory with filters, and the export re-imports with no changes", async () => {
    const { ctx } = await shop();
    const csv = await exportInventoryCsv(ctx, { sort: "sku" });
    expect(csv).toBe(`sku,title,on_hand,reserve,low_stock_threshold,available\nBOWL,"'=Bowl",2,0,5,2\nMUG,Mug,5,0,5,5\n`);
    expect(await exportInventoryCsv(ctx, { q: "mug" })).toBe("sku,title,on_hand,reserve,low_stock_threshold,available\nMUG,Mug,5,0,5,5\n");
    const plan = await previewStockCsv(ctx, csv);
    expect(plan).toMatchObject({ changes: [], unchanged: 2, errors: [] });
  });

  it("exports movement history with who made each change", async () => {
    const { ctx, mug } = await shop();
    await recordManualAdjustment(ctx, { productId: mug.id, delta: 2, reason: "count" });
    const csv = await exportMovementsCsv(ctx, { product: mug.id });
    const lines = csv.trim().split("\n");
    expect(lines[0]).toBe("at,sku,title,source,delta,on_hand_after,by,note,source_key");
    expect(lines[1]).toMatch(/,MUG,Mug,manual,2,7,Cass,count,manual:/);
    expect(lines).toHaveLength(3);
  });

  it("refuses viewers", async () => {
    const { org } = await shop();
    const viewer = await memberOf(org.id, "viewer");
    await expect(previewStockCsv(viewer, "sku,on_hand\nMUG,1\n")).rejects.toMatchObject({ status: 403 });
  });
});
