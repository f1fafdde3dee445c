import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDb } from "@/db/migrate";
import { sessionFor } from "@/lib/connections";
import { adapterFor } from "@/lib/marketplaces";
import type { ApiSession, ListingWithItems, MarketplaceAdapter, OrderData, PushRequest } from "@/lib/marketplaces/types";
import { connectionRow, connectThroughConsent } from "../support/connect";
import { startTestSandbox } from "../support/sandbox";
import { newOrgMember } from "../support/tenants";

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  await migrateDb();
});
afterAll(() => sandbox?.close());

const etsy = () => adapterFor("etsy");
const ebay = () => adapterFor("ebay");

async function allListings(adapter: MarketplaceAdapter, session: ApiSession): Promise<ListingWithItems[]> {
  const out: ListingWithItems[] = [];
  let cursor: string | null = null;
  do {
    const page = await adapter.fetchListings(session, cursor);
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

async function allOrders(adapter: MarketplaceAdapter, session: ApiSession, since: Date | null): Promise<OrderData[]> {
  const out: OrderData[] = [];
  let cursor: string | null = null;
  do {
    const page = await adapter.fetchOrders(session, since, cursor);
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

async function connectedEtsyShop(listings: unknown) {
  const owner = await newOrgMember("owner");
  const shopName = `Shop${randomUUID().slice(0, 8)}`;
  const shop = await sandbox.control<{ shop_id: number; listing_ids: number[] }>("POST", "/_control/etsy/shops", { shop_name: shopName, listings });
  const outcome = await connectThroughConsent(owner, "etsy", shopName);
  if (!outcome.ok) throw new Error(outcome.message);
  const calls: string[] = [];
  return { shop, session: sessionFor(await connectionRow(outcome.connectionId), (op) => calls.push(op)), calls };
}

const pushOf = (listing: ListingWithItems, variation: string | null, quantity: number): PushRequest => {
  const item = listing.items.find((i) => i.variation === variation);
  if (!item) throw new Error(`no item ${variation}`);
  return { externalId: item.externalId, externalOfferId: item.externalOfferId, listingExternalId: listing.externalId, sku: item.sku ?? item.externalId, quantity };
};

describe("Etsy adapter against the sandbox", () => {
  const tee = {
    title: "Linen tee",
    price: 24,
    quantity: 0,
    variations: [{ property: "Size", values: [{ value: "S", sku: "TEE-S", quantity: 2 }, { value: "M", sku: "TEE-M", quantity: 1 }] }],
  };

  it("reads listings with one item per variation, paginating across listing states", async () => {
    const { session, calls } = await connectedEtsyShop([tee, { title: "Mug", sku: "MUG", quantity: 4, price: 12 }]);
    const listings = await allListings(etsy(), session);
    const shirt = listings.find((l) => l.title === "Linen tee");
    expect(shirt?.items.map((i) => [i.variation, i.sku, i.quantity, i.enabled])).toEqual([
      ["Size: S", "TEE-S", 2, true],
      ["Size: M", "TEE-M", 1, true],
    ]);
    expect(listings.find((l) => l.title === "Mug")?.items).toMatchObject([{ sku: "MUG", quantity: 4, variation: null }]);
    // One call per listing state (active, inactive, sold_out), each counted for the sync run.
    expect(calls).toHaveLength(3);
    expect(calls.every((c) => /^GET \S*\/v3\/application\/shops\/\{id\}\/listings$/.test(c))).toBe(true);
  });

  it("sets one variation's quantity and keeps the others, with item ids that survive the update", async () => {
    const { session } = await connectedEtsyShop([tee]);
    const [shirt] = await allListings(etsy(), session);
    if (!shirt) throw new Error("no listing");
    expect(await etsy().pushQuantities(session, [pushOf(shirt, "Size: S", 7)])).toEqual([
      { externalId: pushOf(shirt, "Size: S", 7).externalId, ok: true, enabled: true, shows: 7, written: { from: expect.any(Date), to: expect.any(Date) } },
    ]);
    const [after] = await allListings(etsy(), session);
    expect(after?.items.map((i) => [i.externalId, i.quantity])).toEqual(shirt.items.map((i) => [i.externalId, i.variation === "Size: S" ? 7 : 1]));
  });

  it("pushes three changed variations of one listing in one PUT, after one batched read for all listings and a profile read per listing", async () => {
    const triple = { ...tee, variations: [{ property: "Size", values: ["S", "M", "L"].map((v) => ({ value: v, sku: `TRI-${v}`, quantity: 1 })) }] };
    const { session, calls } = await connectedEtsyShop([triple, { title: "Mug", sku: "MUG", quantity: 4, price: 12 }]);
    const listings = await allListings(etsy(), session);
    const shirt = listings.find((l) => l.title === "Linen tee");
    const mug = listings.find((l) => l.title === "Mug");
    if (!shirt || !mug) throw new Error("no listings");
    // A fresh second of the sandbox's 10/s limit, so no 429 retry adds a call to the count.
    await new Promise((r) => setTimeout(r, 1100));
    calls.length = 0;
    const results = await etsy().pushQuantities(session, [pushOf(shirt, "Size: S", 5), pushOf(shirt, "Size: M", 6), pushOf(shirt, "Size: L", 7), pushOf(mug, null, 9)]);
    expect(results.every((r) => r.ok)).toBe(true);
    // Etsy leaves processing profiles out of batch reads: each active listing is read once on its own before its PUT.
    expect(calls.map((c) => c.replace(/ \S*\/v3\//, " /v3/"))).toEqual([
      "GET /v3/application/listings/batch/inventory",
      "GET /v3/application/listings/{id}/inventory",
      "PUT /v3/application/listings/{id}/inventory",
      "GET /v3/application/listings/{id}/inventory",
      "PUT /v3/application/listings/{id}/inventory",
    ]);
    const after = await allListings(etsy(), session);
    expect(after.find((l) => l.title === "Linen tee")?.items.map((i) => [i.variation, i.quantity])).toEqual([["Size: S", 5], ["Size: M", 6], ["Size: L", 7]]);
    expect(after.find((l) => l.title === "Mug")?.items.map((i) => i.quantity)).toEqual([9]);
  });

  it("sells out a variation by disabling it, the whole listing by deactivating it, and restocks both", async () => {
    const { session, shop } = await connectedEtsyShop([tee]);
    const [shirt] = await allListings(etsy(), session);
    if (!shirt) throw new Error("no listing");

    expect(await etsy().pushQuantities(session, [pushOf(shirt, "Size: S", 0)])).toMatchObject([{ ok: true, enabled: false }]);
    let [now] = await allListings(etsy(), session);
    expect(now?.items.map((i) => [i.variation, i.quantity, i.enabled])).toEqual([["Size: S", 0, false], ["Size: M", 1, true]]);

    expect(await etsy().pushQuantities(session, [pushOf(shirt, "Size: M", 0)])).toMatchObject([{ ok: true, enabled: false }]);
    const stored = await sandbox.control<{ state: string }>("GET", `/_control/etsy/listings/${shop.listing_ids[0]}`);
    expect(stored.state).toBe("inactive");
    [now] = await allListings(etsy(), session);
    expect(now).toMatchObject({ state: "inactive" });
    expect(now?.items.every((i) => i.quantity === 0 && !i.enabled)).toBe(true);

    const restock = await etsy().pushQuantities(session, [pushOf(shirt, "Size: M", 3)]);
    expect(restock).toMatchObject([{ ok: true, enabled: true }]);
    [now] = await allListings(etsy(), session);
    expect(now?.state).toBe("active");
    expect(now?.items.map((i) => [i.variation, i.quantity, i.enabled])).toEqual([["Size: S", 0, false], ["Size: M", 3, true]]);
  });

  it("reads a sale and its cancellation as orders with lines that map to the listing's items", async () => {
    const { session, shop } = await connectedEtsyShop([{ title: "Mug", sku: "MUG", quantity: 4, price: 12.5 }]);
    const since = new Date(Date.now() - 60_000);
    const sale = await sandbox.control<{ receipt_id: number }>("POST", `/_control/etsy/shops/${shop.shop_id}/sales`, { listing_id: shop.listing_ids[0], quantity: 2 });
    const [listing] = await allListings(etsy(), session);
    let orders = await allOrders(etsy(), session, since);
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ externalId: String(sale.receipt_id), cancelled: false, paid: true, currency: "USD" });
    expect(orders[0]?.lines).toMatchObject([{ sku: "MUG", quantity: 2, unitPriceMinor: 1250, cancelled: false, listingExternalId: listing?.externalId, externalItemId: listing?.items[0]?.externalId }]);

    await sandbox.control("POST", `/_control/etsy/receipts/${sale.receipt_id}/cancel`);
    orders = await allOrders(etsy(), session, since);
    expect(orders[0]).toMatchObject({ cancelled: true });
    expect(orders[0]?.lines[0]?.cancelled).toBe(true);
  });
});

describe("eBay adapter against the sandbox", () => {
  async function connectedSeller(items: unknown) {
    const owner = await newOrgMember("owner");
    const username = `seller_${randomUUID().slice(0, 8)}`;
    await sandbox.control("POST", "/_control/ebay/sellers", { username, items });
    const outcome = await connectThroughConsent(owner, "ebay", username);
    if (!outcome.ok) throw new Error(outcome.message);
    return { username, session: sessionFor(await connectionRow(outcome.connectionId)) };
  }

  it("pages through inventory items with their offers", async () => {
    const { session } = await connectedSeller(130);
    const listings = await allListings(ebay(), session);
    expect(listings).toHaveLength(130);
    expect(new Set(listings.map((l) => l.items[0]?.externalId)).size).toBe(130);
    expect(listings.every((l) => l.items[0]?.externalOfferId && l.state === "PUBLISHED")).toBe(true);
  });

  it("pushes quantities in batches of 25 to the item and its offer", async () => {
    const items = Array.from({ length: 30 }, (_, i) => ({ sku: `SKU-${i}`, title: `Item ${i}`, quantity: 5, price: 10 }));
    const { session, username } = await connectedSeller(items);
    const listings = await allListings(ebay(), session);
    const pushes = listings.map((l, i) => ({ ...pushOf(l, null, i % 3), externalOfferId: i === 0 ? null : (l.items[0]?.externalOfferId ?? null) }));
    const results = await ebay().pushQuantities(session, pushes);
    expect(results).toHaveLength(30);
    expect(results.every((r) => r.ok)).toBe(true);
    const item = await sandbox.control<{ availability?: { shipToLocationAvailability?: { quantity?: number } }; offers: { availableQuantity?: number }[] }>(
      "GET",
      `/_control/ebay/items/${pushes[4]?.externalId}?seller=${username}`,
    );
    expect(item.availability?.shipToLocationAvailability?.quantity).toBe(pushes[4]?.quantity);
    expect(item.offers.map((o) => o.availableQuantity)).toEqual([pushes[4]?.quantity]);
    const after = await allListings(ebay(), session);
    expect(after.map((l) => l.items[0]?.quantity).sort()).toEqual(pushes.map((p) => p.quantity).sort());
  });

  it("reads orders modified since a time, and their cancellation", async () => {
    const { session, username } = await connectedSeller([{ sku: "CUP", title: "Cup", quantity: 9, price: 7.5 }]);
    const since = new Date(Date.now() - 60_000);
    const order = await sandbox.control<{ order_id: string }>("POST", `/_control/ebay/sellers/${username}/orders`, { sku: "CUP", quantity: 3 });
    let orders = await allOrders(ebay(), session, since);
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ externalId: order.order_id, cancelled: false });
    expect(orders[0]?.lines).toMatchObject([{ sku: "CUP", externalItemId: "CUP", quantity: 3, unitPriceMinor: 750 }]);
    await sandbox.control("POST", `/_control/ebay/orders/${order.order_id}/cancel`);
    orders = await allOrders(ebay(), session, since);
    expect(orders[0]?.cancelled).toBe(true);
    // A cursor ahead of the clock (skew) is not refused by eBay's "no future dates" rule.
    await expect(allOrders(ebay(), session, new Date(Date.now() + 60_000))).resolves.toBeInstanceOf(Array);
  });
});
