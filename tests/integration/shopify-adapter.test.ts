import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ApiSession, PushResult } from "@/lib/marketplaces/types";
import { startShopifyFixture, type ShopifyFixture } from "../support/shopify";

// The Shopify adapter against the sandbox's Shopify, connected through the real install
// flow: import of a store with variants and two locations, orders polled with cancellations
// and refunds, and pushes, including a sale placed on Shopify between the push's read and
// its write.

const SHOP = "north-goods.myshopify.com";
let fx: ShopifyFixture;
let session: ApiSession & { calls: string[] };
let locations: { id: string; name: string }[];

beforeAll(async () => {
  fx = await startShopifyFixture();
});
afterAll(() => fx.sb.close());

beforeEach(async () => {
  await fx.control("POST", "/reset");
  fx.settings.clear();
  const shop = await fx.control<{ locations: { id: string; name: string }[] }>("POST", "/shopify/shops", {
    domain: SHOP,
    name: "North Goods",
    locations: [{ name: "Workshop" }, { name: "Market stall" }],
    products: [
      {
        title: "Ceramic mug",
        variants: [
          { title: "Small", sku: "MUG-S", price: 18, quantities: { Workshop: 5, "Market stall": 2 } },
          { title: "Large", sku: "MUG-L", price: 24, quantities: { Workshop: 3 } },
        ],
      },
      { title: "Tea towel", variants: [{ sku: "TOWEL", price: 12, quantity: 7 }] },
      { title: "Silk scarf", variants: Array.from({ length: 8 }, (_, i) => ({ title: `Colour ${i + 1}`, sku: `SCARF-${i + 1}`, quantity: i + 1 })) },
      { title: "Old candle", status: "DRAFT", variants: [{ sku: "CANDLE", quantity: 4 }] },
      { title: "Gift card", variants: [{ sku: "GIFT", tracked: false, quantity: 0 }] },
    ],
  });
  locations = shop.locations;
  session = await fx.connect(SHOP);
});

const available = async (sku: string, location?: string) =>
  (await fx.control<{ available: number }>("GET", `/shopify/inventory/${sku}?shop=${SHOP}${location ? `&location=${encodeURIComponent(location)}` : ""}`)).available;

async function importAll() {
  const listings = [];
  for (let cursor: string | null = null, first = true; first || cursor; first = false) {
    const page = await fx.adapter.fetchListings(session, cursor);
    listings.push(...page.items);
    cursor = page.nextCursor;
  }
  return listings;
}

describe("connecting", () => {
  it("installs through the consent page and reads the shop's identity", async () => {
    const token = await session.accessToken();
    expect(token).toMatch(/^shpat_[0-9a-f]{32}$/);
    const me = await fx.adapter.identity(token, SHOP);
    expect(me).toMatchObject({ externalId: SHOP, name: "North Goods" });
    expect(me.externalUserId).toMatch(/^gid:\/\/shopify\/Shop\/\d+$/);
  });

  it("lists the locations, marking the primary one", async () => {
    const found = await fx.adapter.locations(session);
    expect(found.map((l) => [l.name, l.primary])).toEqual([
      ["Workshop", true],
      ["Market stall", false],
    ]);
  });
});

describe("import", () => {
  it("reads every product's variants with SKU, inventory item and available at the primary location", async () => {
    const listings = await importAll();
    expect(listings.map((l) => l.title)).toEqual(["Ceramic mug", "Tea towel", "Silk scarf", "Old candle", "Gift card"]);
    const mug = listings[0];
    expect(mug.items.map((i) => [i.sku, i.variation, i.quantity, i.enabled])).toEqual([
      ["MUG-S", "Small", 5, true],
      ["MUG-L", "Large", 3, true],
    ]);
    expect(mug.items[0].externalId).toMatch(/^gid:\/\/shopify\/ProductVariant\//);
    expect(mug.items[0].externalOfferId).toMatch(/^gid:\/\/shopify\/InventoryItem\//);
    // Eight variants: five come with the product, the rest from a second query.
    expect(listings[2].items.map((i) => i.quantity)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(listings[3]).toMatchObject({ state: "draft", items: [{ sku: "CANDLE", listed: false }] });
    expect(listings[4].items[0]).toMatchObject({ sku: "GIFT", enabled: false });
  });

  it("reads the location the seller chose instead", async () => {
    fx.settings.set(SHOP, { locationId: locations[1].id });
    const listings = await importAll();
    const bySku = new Map(listings.flatMap((l) => l.items).map((i) => [i.sku, i]));
    expect(bySku.get("MUG-S")).toMatchObject({ quantity: 2, enabled: true });
    // Not stocked at the stall: nothing to sell there, and Stockroom cannot set it.
    expect(bySku.get("MUG-L")).toMatchObject({ quantity: 0, enabled: false });
    expect(bySku.get("TOWEL")).toMatchObject({ quantity: 0, enabled: false });
  });

  it("pages through a large store", async () => {
    await fx.control("POST", `/shopify/shops/${SHOP}/products`, { title: "Filler", variants: [{ sku: "F-0", quantity: 1 }] });
    for (let i = 1; i < 40; i++) await fx.control("POST", `/shopify/shops/${SHOP}/products`, { title: `Filler ${i}`, variants: [{ sku: `F-${i}`, quantity: 1 }] });
    const first = await fx.adapter.fetchListings(session, null);
    expect(first.items).toHaveLength(30);
    expect(first.nextCursor).not.toBeNull();
    expect((await importAll()).length).toBe(45);
  });
});

describe("orders", () => {
  const since = () => new Date(Date.now() - 60_000);

  it("polls a sale, then its cancellation (restocked: the lines come back)", async () => {
    const order = await fx.control<{ id: string }>("POST", `/shopify/shops/${SHOP}/orders`, { lines: [{ sku: "MUG-S", quantity: 2 }, { sku: "TOWEL", quantity: 1 }] });
    expect(await available("MUG-S")).toBe(3);
    const page = await fx.adapter.fetchOrders(session, since(), null);
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ externalId: order.id, orderNumber: "#1001", paid: true, cancelled: false, totalMinor: 4800, currency: "USD" });
    expect(page.items[0].lines.map((l) => [l.sku, l.quantity, l.unitPriceMinor, l.cancelled])).toEqual([
      ["MUG-S", 2, 1800, false],
      ["TOWEL", 1, 1200, false],
    ]);
    expect(page.items[0].lines[0].externalItemId).toMatch(/^gid:\/\/shopify\/ProductVariant\//);

    await fx.control("POST", `/shopify/orders/${encodeURIComponent(order.id)}/cancel`, {});
    expect(await available("MUG-S")).toBe(5);
    const again = await fx.adapter.fetchOrders(session, since(), null);
    expect(again.items[0]).toMatchObject({ cancelled: true, status: "cancelled" });
    expect(again.items[0].lines.every((l) => l.cancelled)).toBe(true);
  });

  it("a refund puts a line back only when it restocks all of it", async () => {
    const order = await fx.control<{ id: string }>("POST", `/shopify/shops/${SHOP}/orders`, { lines: [{ sku: "MUG-S", quantity: 2 }, { sku: "TOWEL", quantity: 1 }] });
    await fx.control("POST", `/shopify/orders/${encodeURIComponent(order.id)}/refund`, { lines: [{ sku: "TOWEL", quantity: 1 }], restock: false });
    let o = await fx.adapter.fetchOrder(session, order.id);
    expect(o.lines.map((l) => l.cancelled)).toEqual([false, false]);
    await fx.control("POST", `/shopify/orders/${encodeURIComponent(order.id)}/refund`, { lines: [{ sku: "MUG-S", quantity: 2 }], restock: true });
    o = await fx.adapter.fetchOrder(session, order.id);
    expect(o.lines.map((l) => l.cancelled)).toEqual([true, false]);
    expect(o.cancelled).toBe(false);
    expect(await available("MUG-S")).toBe(5);
  });

  it("pages orders by updated time and finds only those changed since the cursor", async () => {
    for (let i = 0; i < 12; i++) await fx.control("POST", `/shopify/shops/${SHOP}/orders`, { lines: [{ sku: "SCARF-8", quantity: 0 + 1 }] });
    const first = await fx.adapter.fetchOrders(session, since(), null);
    expect(first.items).toHaveLength(10);
    const second = await fx.adapter.fetchOrders(session, since(), first.nextCursor);
    expect(second.items).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    expect((await fx.adapter.fetchOrders(session, new Date(Date.now() + 60_000), null)).items).toHaveLength(0);
  });

  it("an unknown order is NotFound", async () => {
    await expect(fx.adapter.fetchOrder(session, "gid://shopify/Order/1")).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("push", () => {
  const items = async () => new Map((await importAll()).flatMap((l) => l.items).map((i) => [i.sku, i]));
  const request = (item: { externalId: string; externalOfferId: string | null; sku: string | null }, quantity: number) => ({
    externalId: item.externalId,
    externalOfferId: item.externalOfferId,
    listingExternalId: null,
    sku: item.sku ?? "",
    quantity,
  });

  it("sets available at the managed location with one read and one compare-and-set", async () => {
    const bySku = await items();
    session.calls.length = 0;
    const reads: { externalId: string; quantity: number }[] = [];
    const results = await fx.adapter.pushQuantities(session, [request(bySku.get("MUG-S")!, 9), request(bySku.get("TOWEL")!, 7)], { read: (r) => reads.push(r) });
    expect(results.map((r) => [r.ok, r.shows])).toEqual([
      [true, undefined],
      [true, undefined],
    ]);
    expect(reads.map((r) => r.quantity)).toEqual([5, 7]);
    expect(await available("MUG-S")).toBe(9);
    expect(await available("MUG-S", "Market stall")).toBe(2);
    // TOWEL already showed 7: confirmed by the read, not written.
    expect(session.calls.filter((c) => c.includes("SetAvailable"))).toHaveLength(1);
    expect(results[0].written!.from.getTime()).toBeLessThanOrEqual(results[0].written!.to.getTime());
  });

  it("a Shopify sale between the read and the write is never overwritten", async () => {
    const bySku = await items();
    let sold = false;
    const reads: number[] = [];
    const results: PushResult[] = await fx.adapter.pushQuantities(session, [request(bySku.get("MUG-S")!, 9)], {
      read: (r) => reads.push(r.quantity),
      sending: async () => {
        if (sold) return;
        sold = true;
        // The buyer checks out after Stockroom read 5 and before it writes 9.
        await fx.control("POST", `/shopify/shops/${SHOP}/orders`, { lines: [{ sku: "MUG-S", quantity: 1 }] });
      },
    });
    // The write from 5 was refused as stale; the push read 4 and wrote 9 minus the sale.
    expect(reads).toEqual([5, 4]);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ ok: true, shows: 8 });
    expect(await available("MUG-S")).toBe(8);
  });

  it("an edit in Shopify admin during the push is read and kept for the engine to judge", async () => {
    const bySku = await items();
    const reads: number[] = [];
    let edited = false;
    const results = await fx.adapter.pushQuantities(session, [request(bySku.get("TOWEL")!, 3)], {
      read: (r) => reads.push(r.quantity),
      sending: async () => {
        if (edited) return;
        edited = true;
        await fx.control("PATCH", `/shopify/inventory/TOWEL?shop=${SHOP}`, { available: 10 });
      },
    });
    expect(reads).toEqual([7, 10]);
    expect(results[0]).toMatchObject({ ok: true, shows: 6 });
    expect(await available("TOWEL")).toBe(6);
  });

  it("refuses what it cannot write, one item at a time", async () => {
    const bySku = await items();
    fx.settings.set(SHOP, { locationId: locations[1].id });
    const results = await fx.adapter.pushQuantities(session, [request(bySku.get("MUG-L")!, 1), request(bySku.get("GIFT")!, 1), request(bySku.get("MUG-S")!, 1), { ...request(bySku.get("TOWEL")!, 1), externalOfferId: null }]);
    expect(results.map((r) => [r.externalId === bySku.get("MUG-S")!.externalId, r.ok])).toEqual([
      [false, false],
      [false, false],
      [false, false],
      [true, true],
    ]);
    expect(results.find((r) => !r.ok && r.error?.includes("not stocked"))).toBeTruthy();
    expect(results.find((r) => !r.ok && r.error?.includes("track"))).toBeTruthy();
    expect(await available("MUG-S", "Market stall")).toBe(1);
  });

  it("an uninstalled app's push stops with AuthExpired before writing", async () => {
    const bySku = await items();
    await fx.control("POST", `/shopify/shops/${SHOP}/uninstall`);
    await expect(fx.adapter.pushQuantities(session, [request(bySku.get("MUG-S")!, 1)])).rejects.toMatchObject({ reason: { code: "auth_expired" } });
    expect(await available("MUG-S")).toBe(5);
  });
});
