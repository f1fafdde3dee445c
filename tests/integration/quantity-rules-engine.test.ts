import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents, channelItems, marketplaceConnections, memberships, products, stockMovements } from "@/db/schema";
import { applyRuleToProducts, setChannelRule, setItemRule } from "@/lib/inventory/rules";
import type { OrgContext } from "@/lib/tenancy";
import type { RunningSandbox } from "@/sandbox/app";
import { connectShop, onHand, startEngineSandbox, sync } from "./engine-harness";
import { etsyAvailable, type Control } from "./sandbox-control";
import { makeOrg } from "./sync-fixtures";

// Quantity rules end to end: the sandbox as Etsy and eBay, a real database, the real syncs.

let control: Control;
let sandbox: RunningSandbox;
beforeAll(async () => {
  const started = await startEngineSandbox();
  control = started.control;
  sandbox = started.sandbox;
});
afterAll(async () => sandbox?.close());

const tag = () => `${Date.now() % 1_000_000}${Math.floor(Math.random() * 100)}`;

/** One SKU listed on an Etsy shop and an eBay account, 10 of each, imported. */
async function pair(quantity = 10) {
  const t = tag();
  const org = await makeOrg();
  const sku = `RULE-${t}`;
  const shop = await control.etsyShop({ shop_name: `Q${t}`, listings: [{ title: "Vase", sku, quantity, price: 5 }] });
  const seller = `q${t}`;
  await control.ebaySeller({ username: seller, items: [{ sku, title: "Vase", quantity, price: 5 }] });
  const etsy = await connectShop(org.id, "etsy", `Q${t}`);
  const ebay = await connectShop(org.id, "ebay", seller);
  await sync(etsy.id, "orders");
  await sync(ebay.id, "orders");
  const [member] = await db.select({ userId: memberships.userId }).from(memberships).where(eq(memberships.orgId, org.id)).limit(1);
  const ctx: OrgContext = { orgId: org.id, userId: member.userId, role: "owner" };
  const item = async (connectionId: string) => {
    const [row] = await db.select().from(channelItems).where(and(eq(channelItems.connectionId, connectionId), eq(channelItems.sku, sku)));
    return row;
  };
  return { org, ctx, sku, shop, listing: shop.listing_ids[0], seller, etsy, ebay, item };
}

const etsyShows = async (listing: number, sku: string) => etsyAvailable(await control.etsyListing(listing), sku);
async function ebayShows(seller: string, sku: string) {
  const item = (await control.ebayItem(seller, sku)) as { offers?: { availableQuantity?: number }[] };
  return item.offers?.[0]?.availableQuantity;
}
const etsyWrites = async () => (await control.stats()).etsy.by_operation.updateListingInventory ?? 0;
const ebayWrites = async () => (await control.stats()).ebay.by_operation.bulkUpdatePriceQuantity ?? 0;

describe("quantity rules against the sandbox", () => {
  it("a fixed rule keeps showing n until stock falls below n", async () => {
    const p = await pair();
    await setChannelRule(p.ctx, { connectionId: p.etsy.id, kind: "fixed", value: "5" });
    await sync(p.etsy.id, "push");
    expect(await etsyShows(p.listing, p.sku)).toBe(5);
    expect(await ebayShows(p.seller, p.sku)).toBe(10);

    // eBay sells 3: 7 left, still at least 5, so Etsy keeps 5 and is not written.
    await control.ebayOrder(p.seller, { sku: p.sku, quantity: 3 });
    await sync(p.ebay.id, "orders");
    expect(await onHand(p.org.id, p.sku)).toBe(7);
    const before = await etsyWrites();
    await sync(p.etsy.id, "push");
    expect(await etsyShows(p.listing, p.sku)).toBe(5);
    expect(await etsyWrites()).toBe(before);
    expect((await p.item(p.etsy.id)).pushStatus).toBe("in_sync");

    // eBay sells 4 more: 3 left, below 5, so Etsy shows what there is.
    await control.ebayOrder(p.seller, { sku: p.sku, quantity: 4 });
    await sync(p.ebay.id, "orders");
    await sync(p.etsy.id, "push");
    expect(await onHand(p.org.id, p.sku)).toBe(3);
    expect(await etsyShows(p.listing, p.sku)).toBe(3);
    await sync(p.ebay.id, "push");
    expect(await ebayShows(p.seller, p.sku)).toBe(3);
  });

  it("a maximum on one item caps it, under its channel's and the product's reserve", async () => {
    const p = await pair(20);
    await db.update(products).set({ reserve: 2 }).where(and(eq(products.orgId, p.org.id), eq(products.sku, p.sku)));
    await setChannelRule(p.ctx, { connectionId: p.ebay.id, kind: "buffer", value: "1" });
    await setItemRule(p.ctx, { itemId: (await p.item(p.ebay.id)).id, kind: "max", value: "8" });
    await sync(p.ebay.id, "push");
    expect(await ebayShows(p.seller, p.sku)).toBe(8);

    // Etsy sells 11: 9 on hand, 7 available (reserve 2), below the cap.
    const { receipt_id } = await control.etsySale(p.shop.shop_id, { listing_id: p.listing, sku: p.sku, quantity: 11 });
    expect(receipt_id).toBeGreaterThan(0);
    await sync(p.etsy.id, "orders");
    await sync(p.ebay.id, "push");
    expect(await onHand(p.org.id, p.sku)).toBe(9);
    expect(await ebayShows(p.seller, p.sku)).toBe(7);

    // Back to the channel's buffer: 7 - 1.
    await setItemRule(p.ctx, { itemId: (await p.item(p.ebay.id)).id, kind: "inherit" });
    await sync(p.ebay.id, "push");
    expect(await ebayShows(p.seller, p.sku)).toBe(6);
  });

  it("a don't-sync item is read (its sales move stock) and never written, and a seller's edit on it is not a channel edit", async () => {
    const p = await pair();
    await setItemRule(p.ctx, { itemId: (await p.item(p.etsy.id)).id, kind: "dont_sync" });
    const writes = await etsyWrites();

    // The seller sets 4 on Etsy; eBay sells 2. Etsy is not touched.
    await control.etsyEdit(p.listing, { quantity: 4, sku: p.sku });
    await control.ebayOrder(p.seller, { sku: p.sku, quantity: 2 });
    await sync(p.ebay.id, "orders");
    expect(await onHand(p.org.id, p.sku)).toBe(8);
    expect((await p.item(p.etsy.id)).pushStatus).toBe("in_sync");
    await sync(p.etsy.id, "push");
    await sync(p.etsy.id, "listings");
    await sync(p.etsy.id, "orders");
    expect(await etsyShows(p.listing, p.sku)).toBe(4);
    expect(await onHand(p.org.id, p.sku)).toBe(8);
    const edits = await db.select().from(stockMovements).where(and(eq(stockMovements.orgId, p.org.id), eq(stockMovements.reason, "channel_edit")));
    expect(edits).toEqual([]);
    const etsyItem = await p.item(p.etsy.id);
    expect(etsyItem.pushStatus).toBe("in_sync");
    expect(etsyItem.lastSeenQuantity).toBe(4);

    // A sale on the don't-sync listing still lowers the stock and the other channel.
    await control.etsySale(p.shop.shop_id, { listing_id: p.listing, sku: p.sku, quantity: 1 });
    await sync(p.etsy.id, "orders");
    expect(await onHand(p.org.id, p.sku)).toBe(7);
    await sync(p.ebay.id, "push");
    expect(await ebayShows(p.seller, p.sku)).toBe(7);
    await sync(p.etsy.id, "push");
    await sync(p.etsy.id, "listings");
    await sync(p.etsy.id, "orders");
    expect(await etsyShows(p.listing, p.sku)).toBe(3);
    expect(await onHand(p.org.id, p.sku)).toBe(7);
    expect(await etsyWrites()).toBe(writes);
    expect((await p.item(p.etsy.id)).pushStatus).toBe("in_sync");
  });

  it("changing a rule pushes the new target once and is recorded with who changed it, from what to what", async () => {
    const p = await pair();
    const before = await ebayWrites();
    await applyRuleToProducts(p.ctx, { productIds: [(await p.item(p.ebay.id)).productId as string], connectionId: p.ebay.id, kind: "percent", value: "50" });
    expect((await p.item(p.ebay.id)).pushStatus).toBe("pending");
    await sync(p.ebay.id, "push");
    await sync(p.ebay.id, "push");
    expect(await ebayShows(p.seller, p.sku)).toBe(5);
    expect((await ebayWrites()) - before).toBe(1);
    // The same rule again changes nothing: no push, no history.
    await applyRuleToProducts(p.ctx, { productIds: [(await p.item(p.ebay.id)).productId as string], connectionId: p.ebay.id, kind: "percent", value: "50" });
    expect((await p.item(p.ebay.id)).pushStatus).toBe("in_sync");

    await setChannelRule(p.ctx, { connectionId: p.etsy.id, kind: "max", value: "6" });
    const history = await db.select().from(auditEvents).where(eq(auditEvents.orgId, p.org.id));
    const item = history.filter((e) => e.action === "channel_item.quantity_rule_changed");
    expect(item).toHaveLength(1);
    expect(item[0]).toMatchObject({ actorUserId: p.ctx.userId, before: { kind: null, value: null }, after: { kind: "percent", value: 50 } });
    expect(history.find((e) => e.action === "connection.quantity_rule_changed")).toMatchObject({ targetId: p.etsy.id, before: { kind: "none", value: null }, after: { kind: "max", value: 6 } });
    const [conn] = await db.select().from(marketplaceConnections).where(eq(marketplaceConnections.id, p.etsy.id));
    expect([conn.quantityRule, conn.quantityRuleValue]).toEqual(["max", 6]);
  });

  it("refuses a rule of another organization's channel, and a rule without its number", async () => {
    const p = await pair();
    const other = await makeOrg();
    await expect(setChannelRule({ ...p.ctx, orgId: other.id }, { connectionId: p.etsy.id, kind: "max", value: "3" })).rejects.toThrow(/does not exist/);
    await expect(setChannelRule(p.ctx, { connectionId: p.etsy.id, kind: "max", value: "" })).rejects.toMatchObject({ fields: { value: expect.any(String) } });
    await expect(setChannelRule({ ...p.ctx, role: "viewer" }, { connectionId: p.etsy.id, kind: "max", value: "3" })).rejects.toThrow();
  });
});
