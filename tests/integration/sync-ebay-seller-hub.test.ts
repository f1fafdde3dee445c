import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { channelItems, channelListings, marketplaceConnections, orderLines, type OrgSettings } from "@/db/schema";
import { chooseEbayZeroStock, listConnections } from "@/lib/connections";
import { connectShop, onHand, startEngineSandbox, sync } from "./engine-harness";
import { etsyAvailable, type Control } from "./sandbox-control";
import { makeOrg } from "./sync-fixtures";

// eBay as small sellers list: Seller Hub listings (Trading API) beside Inventory-API
// items, end to end through the sandbox, a real database and the real engine.

let control: Control;
let close: () => Promise<void>;

beforeAll(async () => {
  const started = await startEngineSandbox();
  control = started.control;
  close = () => started.sandbox.close();
});
afterAll(async () => close?.());

const tagOf = (p: string) => `${p}${Date.now() % 1_000_000}${Math.floor(Math.random() * 100)}`;

async function itemsOf(connectionId: string) {
  return db
    .select({ externalId: channelItems.externalId, sku: channelItems.sku, generated: channelItems.skuGenerated, variation: channelItems.variation, seen: channelItems.lastSeenQuantity, linked: channelItems.productId, status: channelItems.pushStatus, error: channelItems.pushError })
    .from(channelItems)
    .where(eq(channelItems.connectionId, connectionId))
    .orderBy(channelItems.externalId);
}

/** An Etsy shop and an eBay seller listing the same goods: the eBay side in Seller Hub (and one Inventory-API item). */
async function pair(tag: string, opts: { outOfStockControl?: boolean; settings?: OrgSettings } = {}) {
  const org = await makeOrg(opts.settings ?? {});
  const skus = { mug: `MUG-${tag}`, teeS: `TEE-${tag}-S`, teeM: `TEE-${tag}-M`, inv: `INV-${tag}` };
  const shop = await control.etsyShop({
    shop_name: `Shop${tag}`,
    listings: [
      { title: "Mug", sku: skus.mug, quantity: 6, price: 12 },
      { title: "Tee", quantity: 11, price: 20, variations: [{ property: "Size", values: [{ value: "S", sku: skus.teeS, quantity: 5 }, { value: "M", sku: skus.teeM, quantity: 6 }] }] },
      { title: "Inventory-API candle", sku: skus.inv, quantity: 4, price: 18 },
    ],
  });
  const seller = `hub${tag}`;
  const created = await control.ebaySeller({
    username: seller,
    out_of_stock_control: opts.outOfStockControl ?? true,
    items: [{ sku: skus.inv, title: "Candle", quantity: 4, price: 18 }],
    trading_listings: [
      { title: "Mug", sku: skus.mug, quantity: 6, price: 12 },
      { title: "Tee", price: 20, variations: [{ sku: skus.teeS, specifics: { Size: "S" }, quantity: 5 }, { sku: skus.teeM, specifics: { Size: "M" }, quantity: 6 }] },
      { title: "Scarf without SKUs", price: 30, variations: [{ specifics: { Colour: "Sage" }, quantity: 2 }, { specifics: { Colour: "Ochre" }, quantity: 1 }] },
    ],
  });
  const etsy = await connectShop(org.id, "etsy", `Shop${tag}`);
  const ebay = await connectShop(org.id, "ebay", seller);
  await sync(etsy.id, "orders");
  await sync(ebay.id, "orders");
  const [mugItem, teeItem, scarfItem] = created.item_ids;
  return { org, shop, seller, etsy, ebay, skus, mugItem, teeItem, scarfItem, mugListing: shop.listing_ids[0] };
}

describe("eBay Seller Hub listings", () => {
  it("a seller's Seller Hub listings are imported with their variations; SKU-less variations get generated SKUs and stay unlinked; the Inventory-API item is imported once", async () => {
    const t = await pair(tagOf("a"));
    const items = await itemsOf(t.ebay.id);
    expect(items.map((i) => [i.externalId, i.sku, i.seen, i.linked !== null])).toEqual([
      [t.skus.inv, t.skus.inv, 4, true],
      [`trading:${t.mugItem}`, t.skus.mug, 6, true],
      [`trading:${t.teeItem}:sku:${t.skus.teeM}`, t.skus.teeM, 6, true],
      [`trading:${t.teeItem}:sku:${t.skus.teeS}`, t.skus.teeS, 5, true],
      [`trading:${t.scarfItem}:spec:Colour=Ochre`, `EBAY-${t.scarfItem}-COLOUR-OCHRE`, 1, false],
      [`trading:${t.scarfItem}:spec:Colour=Sage`, `EBAY-${t.scarfItem}-COLOUR-SAGE`, 2, false],
    ]);
    const listings = await db.select({ id: channelListings.externalId, state: channelListings.state }).from(channelListings).where(eq(channelListings.connectionId, t.ebay.id));
    expect(listings).toHaveLength(4);
    const [conn] = await db.select().from(marketplaceConnections).where(eq(marketplaceConnections.id, t.ebay.id));
    expect(conn.outOfStockControl).toBe(true);
    expect(conn.apiUsage?.map((u) => u.callName)).toContain("ApplicationAggregate");
  });

  it("a seller with only Seller Hub listings imports them all, and a sale of a SKU-less listing is tied to its item", async () => {
    const tag = tagOf("o");
    const org = await makeOrg();
    const seller = `only${tag}`;
    const created = await control.ebaySeller({
      username: seller,
      items: [],
      trading_listings: [
        { title: "Brass hoops", sku: `HOOP-${tag}`, quantity: 3, price: 30 },
        { title: "Watercolour card", quantity: 12, price: 6 },
      ],
    });
    const ebay = await connectShop(org.id, "ebay", seller);
    await sync(ebay.id, "orders");
    const items = await itemsOf(ebay.id);
    expect(items.map((i) => [i.externalId, i.sku, i.seen, i.linked !== null])).toEqual([
      [`trading:${created.item_ids[0]}`, `HOOP-${tag}`, 3, true],
      [`trading:${created.item_ids[1]}`, `EBAY-${created.item_ids[1]}`, 12, false],
    ]);
    expect(await onHand(org.id, `HOOP-${tag}`)).toBe(3);
    await control.ebayOrder(seller, { item_id: created.item_ids[0], quantity: 1 });
    await control.ebayOrder(seller, { item_id: created.item_ids[1], quantity: 2 });
    await sync(ebay.id, "orders");
    expect(await onHand(org.id, `HOOP-${tag}`)).toBe(2);
    const lines = await db.select({ sku: orderLines.sku, item: orderLines.channelItemId }).from(orderLines).where(eq(orderLines.orgId, org.id));
    expect(lines.every((l) => l.item !== null)).toBe(true);
  });

  it("a sale on Etsy lowers the Seller Hub quantity, an eBay order on a Seller Hub variation lowers Etsy; the Inventory-model listing is never sent through Trading", async () => {
    const t = await pair(tagOf("b"));
    await control.etsySale(t.shop.shop_id, { listing_id: t.mugListing, sku: t.skus.mug, quantity: 2 });
    await control.etsySale(t.shop.shop_id, { listing_id: t.shop.listing_ids[2], sku: t.skus.inv, quantity: 1 });
    await sync(t.etsy.id, "orders");
    const before = await control.stats();
    await sync(t.ebay.id, "push");
    const after = await control.stats();
    expect((await control.tradingListing(t.mugItem)).quantity).toBe(4);
    const inv = (await control.ebayItem(t.seller, t.skus.inv)) as { availability: { shipToLocationAvailability: { quantity: number } } };
    expect(inv.availability.shipToLocationAvailability.quantity).toBe(3);
    const calls = (op: string) => (after.ebay.by_operation[op] ?? 0) - (before.ebay.by_operation[op] ?? 0);
    expect(calls("ReviseInventoryStatus")).toBe(1);
    expect(calls("bulkUpdatePriceQuantity")).toBe(1);

    await control.ebayOrder(t.seller, { item_id: t.teeItem, sku: t.skus.teeM, quantity: 3 });
    await sync(t.ebay.id, "orders");
    expect(await onHand(t.org.id, t.skus.teeM)).toBe(3);
    await sync(t.etsy.id, "push");
    expect(etsyAvailable(await control.etsyListing(t.shop.listing_ids[1]), t.skus.teeM)).toBe(3);
    // The eBay side already shows 3: nothing to revise.
    const tee = await control.tradingListing(t.teeItem);
    expect(tee.variations.map((v) => v.quantity)).toEqual([5, 3]);
  });

  it("a quantity the seller edits in Seller Hub is read at the next listings poll", async () => {
    const t = await pair(tagOf("c"));
    await control.tradingEdit(t.mugItem, { quantity: 9 });
    await sync(t.ebay.id, "listings");
    expect(await onHand(t.org.id, t.skus.mug)).toBe(9);
  });

  it("with out-of-stock control on, selling out sends 0 (the listing hides) and a restock brings it back", async () => {
    const t = await pair(tagOf("d"));
    const { receipt_id } = await control.etsySale(t.shop.shop_id, { listing_id: t.mugListing, sku: t.skus.mug, quantity: 6 });
    await sync(t.etsy.id, "orders");
    await sync(t.ebay.id, "push");
    expect(await control.tradingListing(t.mugItem)).toMatchObject({ state: "OUT_OF_STOCK", quantity: 0 });
    // The buyer cancels: stock comes back and the hidden listing sells again.
    await control.etsyCancel(receipt_id);
    await sync(t.etsy.id, "orders");
    await sync(t.ebay.id, "push");
    expect(await control.tradingListing(t.mugItem)).toMatchObject({ state: "ACTIVE", quantity: 6 });
    const [mug] = await db.select().from(channelItems).where(and(eq(channelItems.connectionId, t.ebay.id), eq(channelItems.sku, t.skus.mug)));
    expect(mug.pushStatus).toBe("in_sync");
  });

  it("with out-of-stock control off and no choice made, Stockroom does not send 0: the listing keeps its quantity and the item says why", async () => {
    const t = await pair(tagOf("e"), { outOfStockControl: false });
    await control.etsySale(t.shop.shop_id, { listing_id: t.mugListing, sku: t.skus.mug, quantity: 6 });
    await sync(t.etsy.id, "orders");
    await sync(t.ebay.id, "push");
    expect(await control.tradingListing(t.mugItem)).toMatchObject({ state: "ACTIVE", quantity: 6 });
    const mug = (await itemsOf(t.ebay.id)).find((i) => i.sku === t.skus.mug);
    expect(mug?.status).toBe("failed");
    expect(mug?.error).toContain("out-of-stock control is off");
  });

  it("with out-of-stock control off and 'end it at 0' chosen, 0 ends the listing and a restock cannot bring it back", async () => {
    const t = await pair(tagOf("f"), { outOfStockControl: false, settings: { ebayZeroStock: "end" } });
    const { receipt_id } = await control.etsySale(t.shop.shop_id, { listing_id: t.mugListing, sku: t.skus.mug, quantity: 6 });
    await sync(t.etsy.id, "orders");
    await sync(t.ebay.id, "push");
    expect((await control.tradingListing(t.mugItem)).state).toBe("ENDED");
    await control.etsyCancel(receipt_id);
    await sync(t.etsy.id, "orders");
    await sync(t.ebay.id, "push");
    expect((await control.tradingListing(t.mugItem)).state).toBe("ENDED");
    const mug = (await itemsOf(t.ebay.id)).find((i) => i.sku === t.skus.mug);
    expect(mug?.status).toBe("failed");
    expect(mug?.error).toContain("ended");
    // The next listings poll finds it among the ended listings: it shows as ended, stock untouched.
    await sync(t.ebay.id, "listings");
    const [listing] = await db.select({ state: channelListings.state, url: channelListings.url }).from(channelListings).where(and(eq(channelListings.connectionId, t.ebay.id), eq(channelListings.externalId, t.mugItem)));
    expect(listing).toEqual({ state: "ENDED", url: `https://www.ebay.com/itm/${t.mugItem}` });
    expect(await onHand(t.org.id, t.skus.mug)).toBe(6);
    const [card] = await listConnections({ orgId: t.org.id, userId: "owner", role: "owner" }).then((cs) => cs.filter((c) => c.id === t.ebay.id));
    expect(card).toMatchObject({ endedListings: 1, outOfStockControl: false, zeroStock: "end" });
  });

  it("turning on out-of-stock control from the Connections card sets it in the eBay account, and the held-back 0 goes out", async () => {
    const t = await pair(tagOf("g"), { outOfStockControl: false });
    await control.etsySale(t.shop.shop_id, { listing_id: t.mugListing, sku: t.skus.mug, quantity: 6 });
    await sync(t.etsy.id, "orders");
    await sync(t.ebay.id, "push");
    expect((await control.tradingListing(t.mugItem)).quantity).toBe(6);
    const owner = { orgId: t.org.id, userId: "owner", role: "owner" } as const;
    // Not without the seller's explicit go-ahead.
    await expect(chooseEbayZeroStock(owner, { connectionId: t.ebay.id, choice: "enable_out_of_stock_control" })).rejects.toThrow(/Tick the box/);
    const message = await chooseEbayZeroStock(owner, { connectionId: t.ebay.id, choice: "enable_out_of_stock_control", confirmed: "on" });
    expect(message).toContain("Out-of-stock control is on");
    const sellers = await control.call<{ username: string; out_of_stock_control: boolean }[]>("GET", "/_control/ebay/sellers");
    expect(sellers.find((s) => s.username === t.seller)?.out_of_stock_control).toBe(true);
    await sync(t.ebay.id, "push");
    expect(await control.tradingListing(t.mugItem)).toMatchObject({ state: "OUT_OF_STOCK", quantity: 0 });
  });

  it("with 'keep 1 listed' chosen, a sold-out product leaves 1 on eBay instead of ending the listing", async () => {
    const t = await pair(tagOf("h"), { outOfStockControl: false, settings: { ebayZeroStock: "keep_one" } });
    await control.etsySale(t.shop.shop_id, { listing_id: t.mugListing, sku: t.skus.mug, quantity: 6 });
    await sync(t.etsy.id, "orders");
    await sync(t.ebay.id, "push");
    expect(await control.tradingListing(t.mugItem)).toMatchObject({ state: "ACTIVE", quantity: 1 });
  });

  // The push records what eBay shows (PushResult.shows), not the target: the held 1 is no edit.
  it("the 1 kept listed is not read back as stock the seller added on eBay", async () => {
    const t = await pair(tagOf("k"), { outOfStockControl: false, settings: { ebayZeroStock: "keep_one" } });
    await control.etsySale(t.shop.shop_id, { listing_id: t.mugListing, sku: t.skus.mug, quantity: 6 });
    await sync(t.etsy.id, "orders");
    await sync(t.ebay.id, "push");
    await sync(t.ebay.id, "listings");
    expect(await onHand(t.org.id, t.skus.mug)).toBe(0);
  });

  it("an expired token answered in Trading's XML (21917053) is refreshed once and the call retried", async () => {
    const t = await pair(tagOf("i"));
    await control.etsySale(t.shop.shop_id, { listing_id: t.mugListing, sku: t.skus.mug, quantity: 1 });
    await sync(t.etsy.id, "orders");
    await control.fault({ marketplace: "ebay", kind: "expire_tokens" });
    const before = await control.stats();
    // Only the Seller Hub mug changed: the push's first eBay call is ReviseInventoryStatus.
    const run = await sync(t.ebay.id, "push");
    const after = await control.stats();
    expect(run.status).toBe("succeeded");
    expect((after.ebay.by_operation.ReviseInventoryStatus ?? 0) - (before.ebay.by_operation.ReviseInventoryStatus ?? 0)).toBe(2);
    expect((await control.tradingListing(t.mugItem)).quantity).toBe(5);
    const [conn] = await db.select().from(marketplaceConnections).where(eq(marketplaceConnections.id, t.ebay.id));
    expect(conn.status).toBe("active");
  });
});
