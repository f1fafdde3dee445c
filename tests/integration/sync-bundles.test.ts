import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { products, stockMovements } from "@/db/schema";
import { setBundleComponents } from "@/lib/inventory/bundles";
import { connectShop, ledgerSnapshot, onHand, startEngineSandbox, sync } from "./engine-harness";
import { etsyAvailable, type Control } from "./sandbox-control";
import { makeOrg } from "./sync-fixtures";
import { memberOf } from "../support/org-fixture";

// Bundles through the engine: the sandbox as Etsy and eBay, the real adapters, syncs and pushes.
// A gift set (1 mug + 2 candles) and a duo (2 mugs + 1 plate) share the mug; the set is listed
// on Etsy, the duo on eBay, the components on both.

let control: Control;
let close: () => Promise<void>;

beforeAll(async () => {
  const started = await startEngineSandbox();
  control = started.control;
  close = () => started.sandbox.close();
});
afterAll(async () => close?.());

async function giftShop(tag: string) {
  const org = await makeOrg();
  const ctx = await memberOf(org.id, "owner");
  const sku = { mug: `MUG-${tag}`, candle: `CANDLE-${tag}`, plate: `PLATE-${tag}`, set: `SET-${tag}`, duo: `DUO-${tag}` };
  const shop = await control.etsyShop({
    shop_name: `Gifts${tag}`,
    listings: [
      { title: "Mug", sku: sku.mug, quantity: 10, price: 12 },
      { title: "Candle", sku: sku.candle, quantity: 9, price: 8 },
      { title: "Gift set", sku: sku.set, quantity: 3, price: 30 },
    ],
  });
  const seller = `gifts${tag}`;
  await control.ebaySeller({
    username: seller,
    items: [
      { sku: sku.mug, title: "Mug", quantity: 10, price: 12 },
      { sku: sku.candle, title: "Candle", quantity: 9, price: 8 },
      { sku: sku.plate, title: "Plate", quantity: 10, price: 15 },
      { sku: sku.duo, title: "Breakfast duo", quantity: 2, price: 40 },
    ],
  });
  const etsy = await connectShop(org.id, "etsy", `Gifts${tag}`);
  const ebay = await connectShop(org.id, "ebay", seller);
  await sync(etsy.id, "orders");
  await sync(ebay.id, "orders");
  const id = async (s: string) => (await db.select({ id: products.id }).from(products).where(and(eq(products.orgId, org.id), eq(products.sku, s))))[0].id;
  const [mug, candle, plate, set, duo] = await Promise.all([sku.mug, sku.candle, sku.plate, sku.set, sku.duo].map(id));
  await setBundleComponents(ctx, {
    bundleId: set,
    components: [
      { componentId: mug, quantity: 1 },
      { componentId: candle, quantity: 2 },
    ],
  });
  await setBundleComponents(ctx, {
    bundleId: duo,
    components: [
      { componentId: mug, quantity: 2 },
      { componentId: plate, quantity: 1 },
    ],
  });
  return { org, ctx, shop, seller, etsy, ebay, sku, ids: { mug, candle, plate, set, duo }, listing: { mug: shop.listing_ids[0], candle: shop.listing_ids[1], set: shop.listing_ids[2] } };
}

async function ebayAvailable(seller: string, sku: string): Promise<number> {
  const item = (await control.ebayItem(seller, sku)) as { availability?: { shipToLocationAvailability?: { quantity?: number } }; offers?: { availableQuantity?: number }[] };
  return Math.min(item.offers?.[0]?.availableQuantity ?? Infinity, item.availability?.shipToLocationAvailability?.quantity ?? Infinity);
}

async function pushBoth(t: Awaited<ReturnType<typeof giftShop>>) {
  await sync(t.etsy.id, "push");
  await sync(t.ebay.id, "push");
}

async function stock(t: Awaited<ReturnType<typeof giftShop>>) {
  const s = t.sku;
  return {
    mug: await onHand(t.org.id, s.mug),
    candle: await onHand(t.org.id, s.candle),
    plate: await onHand(t.org.id, s.plate),
    set: await onHand(t.org.id, s.set),
    duo: await onHand(t.org.id, s.duo),
  };
}

describe("bundles through the sync engine", () => {
  it("a gift set sold on Etsy lowers its components, their eBay listings and the other bundle sharing the mug; a cancellation restores them", async () => {
    const t = await giftShop(`b${Date.now() % 100000}`);
    // Candles allow 4 sets; mugs allow 5 duos.
    expect(await stock(t)).toEqual({ mug: 10, candle: 9, plate: 10, set: 4, duo: 5 });
    await pushBoth(t);
    expect(etsyAvailable(await control.etsyListing(t.listing.set), t.sku.set)).toBe(4);
    expect(await ebayAvailable(t.seller, t.sku.duo)).toBe(5);

    const { receipt_id } = await control.etsySale(t.shop.shop_id, { listing_id: t.listing.set, sku: t.sku.set, quantity: 2 });
    await sync(t.etsy.id, "orders");
    expect(await stock(t)).toEqual({ mug: 8, candle: 5, plate: 10, set: 2, duo: 4 });
    await pushBoth(t);
    expect(await ebayAvailable(t.seller, t.sku.mug)).toBe(8);
    expect(await ebayAvailable(t.seller, t.sku.candle)).toBe(5);
    expect(await ebayAvailable(t.seller, t.sku.duo)).toBe(4);
    expect(etsyAvailable(await control.etsyListing(t.listing.mug), t.sku.mug)).toBe(8);
    expect(etsyAvailable(await control.etsyListing(t.listing.set), t.sku.set)).toBe(2);
    const movements = await db.select().from(stockMovements).where(eq(stockMovements.productId, t.ids.candle));
    expect(movements.filter((m) => m.reason === "bundle_sale").map((m) => m.delta)).toEqual([-4]);

    // The same orders read again count nothing twice.
    const before = await ledgerSnapshot(t.org.id);
    await sync(t.etsy.id, "orders");
    expect(await ledgerSnapshot(t.org.id)).toEqual(before);

    await control.etsyCancel(receipt_id);
    await sync(t.etsy.id, "orders");
    expect(await stock(t)).toEqual({ mug: 10, candle: 9, plate: 10, set: 4, duo: 5 });
    await pushBoth(t);
    expect(await ebayAvailable(t.seller, t.sku.mug)).toBe(10);
    expect(await ebayAvailable(t.seller, t.sku.candle)).toBe(9);
    expect(await ebayAvailable(t.seller, t.sku.duo)).toBe(5);
    expect(etsyAvailable(await control.etsyListing(t.listing.set), t.sku.set)).toBe(4);
  });

  it("a sale of the last mugs on eBay takes every bundle needing a mug to 0 on both channels", async () => {
    const t = await giftShop(`m${Date.now() % 100000}`);
    await pushBoth(t);
    await control.ebayOrder(t.seller, { sku: t.sku.mug, quantity: 10 });
    await sync(t.ebay.id, "orders");
    expect(await stock(t)).toMatchObject({ mug: 0, set: 0, duo: 0 });
    await pushBoth(t);
    expect(etsyAvailable(await control.etsyListing(t.listing.set), t.sku.set)).toBe(0);
    expect(await ebayAvailable(t.seller, t.sku.duo)).toBe(0);
  });

  it("an edit of a bundle's quantity on the channel is overwritten back: it never invents component stock", async () => {
    const t = await giftShop(`e${Date.now() % 100000}`);
    await pushBoth(t);
    // Seconds apart from the push, as a person's edit is (marketplaces stamp in whole seconds).
    await new Promise((r) => setTimeout(r, 1_500));
    await control.etsyEdit(t.listing.set, { quantity: 40, sku: t.sku.set });
    for (const kind of ["listings", "orders", "push", "listings"] as const) await sync(t.etsy.id, kind);
    expect(await stock(t)).toEqual({ mug: 10, candle: 9, plate: 10, set: 4, duo: 5 });
    expect(etsyAvailable(await control.etsyListing(t.listing.set), t.sku.set)).toBe(4);
    const edits = await db.select().from(stockMovements).where(and(eq(stockMovements.productId, t.ids.set), eq(stockMovements.reason, "channel_edit")));
    expect(edits.map((m) => m.delta)).toEqual([0]);
    expect(edits[0].note).toContain("pushed our quantity back");
  });

  it("a cycle is refused", async () => {
    const t = await giftShop(`c${Date.now() % 100000}`);
    await expect(setBundleComponents(t.ctx, { bundleId: t.ids.mug, components: [{ componentId: t.ids.set, quantity: 1 }] })).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining(`${t.sku.set} already contains ${t.sku.mug}`),
    });
  });
});
