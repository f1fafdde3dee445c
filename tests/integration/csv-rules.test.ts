import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents, channelItems } from "@/db/schema";
import { applyStockCsv, exportInventoryCsv, previewStockCsv } from "@/lib/inventory/csv";
import { getProduct } from "@/lib/inventory/products";
import { makeConnection } from "./sync-fixtures";
import { createOrg, createProduct, memberOf } from "../support/org-fixture";

// The inventory CSV's quantity rule columns: one per channel, exported and re-imported, all or nothing.

async function shop() {
  const org = await createOrg();
  const ctx = await memberOf(org.id, "manager", "Rui");
  const mug = await createProduct(org.id, { sku: "MUG", title: "Mug", onHand: 10 });
  const bowl = await createProduct(org.id, { sku: "BOWL", title: "Bowl", onHand: 4 });
  const etsy = await makeConnection(org.id, "etsy", "Kiln");
  const ebay = await makeConnection(org.id, "ebay", "kiln-uk");
  const link = (connectionId: string, productId: string, sku: string) =>
    db.insert(channelItems).values({ orgId: org.id, connectionId, externalId: `${connectionId}-${sku}`, sku, title: sku, productId, lastSeenQuantity: 0 }).returning();
  const [mugEtsy] = await link(etsy.id, mug.id, "MUG");
  await link(ebay.id, mug.id, "MUG");
  await link(etsy.id, bowl.id, "BOWL");
  return { org, ctx, mug, bowl, etsy, ebay, mugEtsy };
}

const header = "sku,on_hand,rule etsy Kiln,rule ebay kiln-uk";

describe("quantity rules in the inventory CSV", () => {
  it("exports a rule column per channel, empty where the channel's default applies", async () => {
    const s = await shop();
    await db.update(channelItems).set({ quantityRule: "max", quantityRuleValue: 8 }).where(eq(channelItems.id, s.mugEtsy.id));
    const csv = await exportInventoryCsv(s.ctx, { sort: "sku" });
    expect(csv).toBe(`sku,title,on_hand,reserve,low_stock_threshold,available,rule ebay kiln-uk,rule etsy Kiln\nBOWL,Bowl,4,0,5,4,,\nMUG,Mug,10,0,5,10,,max:8\n`);
    expect(await previewStockCsv(s.ctx, csv)).toMatchObject({ changes: [], ruleChanges: [], unchanged: 2, errors: [] });
  });

  it("sets rules from their cells, audited, with the stock in the same import", async () => {
    const s = await shop();
    const text = `${header}\nMUG,10,fixed:5,dont_sync\nBOWL,6,percent:50,\n`;
    const plan = await previewStockCsv(s.ctx, text);
    expect(plan.errors).toEqual([]);
    expect(plan.ruleChanges.map((c) => [c.line, c.sku, c.channel, c.before, c.after])).toEqual([
      [2, "MUG", "Kiln (Etsy)", "default", "fixed:5"],
      [2, "MUG", "kiln-uk (eBay)", "default", "dont_sync"],
      [3, "BOWL", "Kiln (Etsy)", "default", "percent:50"],
    ]);
    const r = await applyStockCsv(s.ctx, { importId: plan.importId, text });
    expect(r).toMatchObject({ changed: 1, rulesChanged: 3 });
    const mug = await getProduct(s.ctx, s.mug.id);
    expect(mug.items.map((i) => [i.marketplace, i.rule, i.target])).toEqual([
      ["ebay", { kind: "dont_sync", value: null }, null],
      ["etsy", { kind: "fixed", value: 5 }, 5],
    ]);
    expect((await getProduct(s.ctx, s.bowl.id)).items[0]).toMatchObject({ rule: { kind: "percent", value: 50 }, target: 3 });
    const history = await db.select().from(auditEvents).where(and(eq(auditEvents.orgId, s.org.id), eq(auditEvents.action, "channel_item.quantity_rule_changed")));
    expect(history).toHaveLength(3);
    expect(history.every((e) => e.actorUserId === s.ctx.userId)).toBe(true);
  });

  it("refuses the whole file when a rule cell is wrong, naming each row", async () => {
    const s = await shop();
    const text = `${header}\nMUG,7,max,\nBOWL,4,,buffer:1\n`;
    const plan = await previewStockCsv(s.ctx, text);
    expect(plan.errors.map((e) => [e.line, e.sku, e.message])).toEqual([
      [2, "MUG", expect.stringMatching(/Kiln \(Etsy\) rule: Give a number of units/)],
      [3, "BOWL", "BOWL is not listed on kiln-uk (eBay): leave its rule empty."],
    ]);
    await expect(applyStockCsv(s.ctx, { importId: plan.importId, text })).rejects.toMatchObject({ status: 400, rowErrors: expect.arrayContaining([expect.objectContaining({ line: 2 })]) });
    expect((await getProduct(s.ctx, s.mug.id)).onHand).toBe(10);
    const [item] = await db.select().from(channelItems).where(eq(channelItems.id, s.mugEtsy.id));
    expect(item.quantityRule).toBeNull();
  });

  it("refuses a rule column that names no connected channel", async () => {
    const s = await shop();
    const plan = await previewStockCsv(s.ctx, "sku,on_hand,rule etsy Elsewhere\nMUG,10,max:3\n");
    expect(plan.errors).toEqual([{ line: 1, sku: null, message: expect.stringContaining('Column "rule etsy Elsewhere" names no connected channel') }]);
  });
});
