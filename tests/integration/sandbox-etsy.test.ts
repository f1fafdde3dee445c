import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSandbox, type RunningSandbox } from "@/sandbox/app";
import { connectEtsy } from "@/sandbox/testing";
import { controlClient, etsyClient, etsySpec as spec, toUpdate, type Inventory, type SeededShop, type StoredListing } from "./sandbox-etsy-contract";

// Contract tests: every Etsy operation's answers (success and error) validate against the
// official 2026 OpenAPI file, closed (no field the spec does not list), and behave as Etsy
// does. The 2026 changes (processing profiles, batch inventory, renewals...) are in
// sandbox-etsy-2026.test.ts.

let sb: RunningSandbox;
let shop: SeededShop;
let token: string;
const etsy = etsyClient(() => sb.url, () => token);
const control = controlClient(() => sb.url);

beforeAll(async () => {
  sb = await startSandbox({ port: 0, config: { etsy: { ratePerSecond: 10_000 } } });
});
afterAll(() => sb.close());

beforeEach(async () => {
  await control("POST", "/reset");
  const created = await control<typeof shop>("POST", "/etsy/shops", {
    shop_name: "ContractShop",
    listings: [
      { title: "Mug", sku: "MUG-1", quantity: 3, price: 12.5 },
      { title: "Tee", quantity: 5, price: 20, variations: [{ property: "Size", values: [{ value: "S", sku: "TEE-S", quantity: 2 }, { value: "M", sku: "TEE-M", quantity: 3 }] }] },
      { title: "Card", quantity: 1, price: 4 },
    ],
  });
  expect(created.status).toBe(201);
  shop = created.body;
  token = (await connectEtsy(sb.url, shop.user_id)).access_token;
});

describe("Etsy shop and user", () => {
  it("getMe returns the token's user and shop", async () => {
    const r = await etsy("getMe", "GET", "/v3/application/users/me");
    expect(r.body).toEqual({ user_id: shop.user_id, shop_id: shop.shop_id });
  });

  it("getShop and getShopByOwnerUserId return the shop; unknown ids are 404", async () => {
    const a = await etsy("getShop", "GET", `/v3/application/shops/${shop.shop_id}`);
    expect(a.body).toMatchObject({ shop_id: shop.shop_id, shop_name: "ContractShop", listing_active_count: 3 });
    const b = await etsy("getShopByOwnerUserId", "GET", `/v3/application/users/${shop.user_id}/shops`);
    expect(b.body).toMatchObject({ shop_id: shop.shop_id });
    expect((await etsy("getShop", "GET", "/v3/application/shops/999")).status).toBe(404);
    expect((await etsy("getShopByOwnerUserId", "GET", "/v3/application/users/999/shops")).status).toBe(404);
  });

  it("a path parameter that violates the spec is refused with 400", async () => {
    const r = await etsy("getShop", "GET", "/v3/application/shops/not-a-number");
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ error: expect.stringContaining("shop_id") });
  });
});

describe("Etsy listings", () => {
  it("getListingsByShop pages with limit/offset and includes inventory", async () => {
    const r = await etsy("getListingsByShop", "GET", `/v3/application/shops/${shop.shop_id}/listings?limit=2&offset=0&includes=Inventory&sort_on=created&sort_order=asc`);
    const body = r.body as { count: number; results: { listing_id: number; url: string; inventory: { products: unknown[] } }[] };
    expect(body.count).toBe(3);
    // Newest first: sort_on/sort_order work on Etsy only with search options, which this endpoint has none of.
    expect(body.results.map((l) => l.listing_id)).toEqual([shop.listing_ids[2], shop.listing_ids[1]]);
    expect(body.results[0].url).toBe(`https://www.etsy.com/listing/${shop.listing_ids[2]}`);
    expect(body.results[1].inventory.products).toHaveLength(2);
    const next = await etsy("getListingsByShop", "GET", `/v3/application/shops/${shop.shop_id}/listings?limit=2&offset=2&sort_order=asc`);
    expect((next.body as { results: { listing_id: number }[] }).results.map((l) => l.listing_id)).toEqual([shop.listing_ids[0]]);
  });

  it("getListingsByShop ignores sort_on=updated, as Etsy does without a search option", async () => {
    await control("PATCH", `/etsy/listings/${shop.listing_ids[0]}`, { delta: -1 });
    const plain = await etsy("getListingsByShop", "GET", `/v3/application/shops/${shop.shop_id}/listings`);
    const sorted = await etsy("getListingsByShop", "GET", `/v3/application/shops/${shop.shop_id}/listings?sort_on=updated&sort_order=desc`);
    const ids = (r: typeof plain) => (r.body as { results: { listing_id: number }[] }).results.map((l) => l.listing_id);
    expect(ids(sorted)).toEqual(ids(plain));
    expect(ids(sorted)[0]).not.toBe(shop.listing_ids[0]);
  });

  it("limit above 100 is refused with 400, and another seller's shop with 403", async () => {
    expect((await etsy("getListingsByShop", "GET", `/v3/application/shops/${shop.shop_id}/listings?limit=101`)).status).toBe(400);
    const other = (await control<typeof shop>("POST", "/etsy/shops", { shop_name: "Other", listings: 1 })).body;
    expect((await etsy("getListingsByShop", "GET", `/v3/application/shops/${other.shop_id}/listings`)).status).toBe(403);
  });

  it("getListing and getListingInventory return the stored listing; unknown is 404", async () => {
    const id = shop.listing_ids[1];
    const l = await etsy("getListing", "GET", `/v3/application/listings/${id}`);
    expect(l.body).toMatchObject({ listing_id: id, quantity: 5, has_variations: true, state: "active" });
    const inv = await etsy("getListingInventory", "GET", `/v3/application/listings/${id}/inventory`);
    expect(inv.body).toMatchObject({
      quantity_on_property: [100],
      sku_on_property: [100],
      products: [
        { sku: "TEE-S", offerings: [{ quantity: 2, price: { amount: 2000, divisor: 100, currency_code: "USD" } }], property_values: [{ property_id: 100, values: ["S"] }] },
        { sku: "TEE-M", offerings: [{ quantity: 3 }] },
      ],
    });
    expect((await etsy("getListingInventory", "GET", "/v3/application/listings/1/inventory")).status).toBe(404);
    expect((await etsy("getListing", "GET", "/v3/application/listings/1")).status).toBe(404);
    expect((await etsy("getListing", "GET", `/v3/application/listings/${id}?includes=Nope`)).status).toBe(400);
  });
});

describe("Etsy updateListingInventory", () => {
  it("replaces the whole inventory, moves last_modified and issues new product and offering ids", async () => {
    const id = shop.listing_ids[1];
    const before = (await etsy("getListingInventory", "GET", `/v3/application/listings/${id}/inventory`)).body as Inventory;
    await control("POST", "/clock", { advance_seconds: 5 });
    const r = await etsy("updateListingInventory", "PUT", `/v3/application/listings/${id}/inventory`, { body: toUpdate(before, { "TEE-S": 7 }) });
    expect(r.status).toBe(200);
    const after = r.body as Inventory;
    expect(after.products.map((p) => [p.sku, p.offerings[0].quantity])).toEqual([["TEE-S", 7], ["TEE-M", 3]]);
    expect(after.products[0].product_id).not.toBe(before.products[0].product_id);
    expect(after.products[0].offerings[0].offering_id).not.toBe(before.products[0].offerings[0].offering_id);
    const stored = (await control<StoredListing>("GET", `/etsy/listings/${id}`)).body;
    expect(stored.quantity).toBe(10);
    expect(stored.last_modified_timestamp).toBeGreaterThan(stored.created_timestamp);
  });

  it("products left out of the update are deleted: hidden unless show_deleted=true", async () => {
    const id = shop.listing_ids[1];
    const inv = (await etsy("getListingInventory", "GET", `/v3/application/listings/${id}/inventory`)).body as Inventory;
    const onlySmall = toUpdate({ ...inv, products: inv.products.filter((p) => p.sku === "TEE-S") }, {});
    expect((await etsy("updateListingInventory", "PUT", `/v3/application/listings/${id}/inventory`, { body: onlySmall })).status).toBe(200);
    const visible = (await etsy("getListingInventory", "GET", `/v3/application/listings/${id}/inventory`)).body as Inventory;
    expect(visible.products.map((p) => p.sku)).toEqual(["TEE-S"]);
    const all = (await etsy("getListingInventory", "GET", `/v3/application/listings/${id}/inventory?show_deleted=true`)).body as Inventory;
    expect(all.products.map((p) => [p.sku, p.is_deleted])).toEqual([["TEE-S", false], ["TEE-M", true]]);
    expect((await control<StoredListing>("GET", `/etsy/listings/${id}`)).body.quantity).toBe(2);
  });

  it("refuses the GET shape sent back as is (read-only ids, Money price)", async () => {
    const id = shop.listing_ids[0];
    const inv = (await etsy("getListingInventory", "GET", `/v3/application/listings/${id}/inventory`)).body as Inventory;
    const r = await etsy("updateListingInventory", "PUT", `/v3/application/listings/${id}/inventory`, { body: { products: inv.products } });
    expect(r.status).toBe(400);
    const withIds = toUpdate(inv, {});
    const raw = { ...withIds, products: withIds.products.map((p, i) => ({ ...p, product_id: inv.products[i].product_id })) };
    const r2 = await etsy("updateListingInventory", "PUT", `/v3/application/listings/${id}/inventory`, { body: raw });
    expect(r2.status).toBe(400);
    expect(r2.body).toEqual({ error: expect.stringContaining("product_id is read-only") });
  });

  it("refuses to sell out the last offering: One offering must have quantity greater than 0", async () => {
    const id = shop.listing_ids[0];
    const inv = (await etsy("getListingInventory", "GET", `/v3/application/listings/${id}/inventory`)).body as Inventory;
    const r = await etsy("updateListingInventory", "PUT", `/v3/application/listings/${id}/inventory`, { body: toUpdate(inv, { "MUG-1": 0 }) });
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ error: "One offering must have quantity greater than 0" });
  });

  it("refuses a missing price and mismatched per-product values without *_on_property", async () => {
    const id = shop.listing_ids[1];
    const r = await etsy("updateListingInventory", "PUT", `/v3/application/listings/${id}/inventory`, { body: { products: [{ sku: "TEE-S", offerings: [{ quantity: 1, is_enabled: true }] }] } });
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ error: expect.stringContaining("price") });
    const inv = (await etsy("getListingInventory", "GET", `/v3/application/listings/${id}/inventory`)).body as Inventory;
    const noQtyProp = { ...toUpdate(inv, { "TEE-S": 9 }), quantity_on_property: [] };
    const r2 = await etsy("updateListingInventory", "PUT", `/v3/application/listings/${id}/inventory`, { body: noQtyProp });
    expect(r2.status).toBe(400);
  });
});

describe("Etsy updateListing", () => {
  it("deactivates a listing and reactivating a sold-out one sets quantity 1, as the spec says", async () => {
    const id = shop.listing_ids[2];
    const off = await etsy("updateListing", "PATCH", `/v3/application/shops/${shop.shop_id}/listings/${id}`, { form: { state: "inactive" } });
    expect(off.body).toMatchObject({ state: "inactive", quantity: 1 });
    const sale = await control("POST", `/etsy/shops/${shop.shop_id}/sales`, { listing_id: id, quantity: 1 });
    expect(sale.status).toBe(409);
    await etsy("updateListing", "PATCH", `/v3/application/shops/${shop.shop_id}/listings/${id}`, { form: { state: "active" } });
    expect((await control("POST", `/etsy/shops/${shop.shop_id}/sales`, { listing_id: id, quantity: 1 })).status).toBe(201);
    expect((await control("GET", `/etsy/listings/${id}`)).body).toMatchObject({ state: "sold_out", quantity: 0 });
    const on = await etsy("updateListing", "PATCH", `/v3/application/shops/${shop.shop_id}/listings/${id}`, { form: { state: "active" } });
    expect(on.body).toMatchObject({ state: "active", quantity: 1 });
    const bad = await etsy("updateListing", "PATCH", `/v3/application/shops/${shop.shop_id}/listings/${id}`, { form: { state: "sold_out" } });
    expect(bad.status).toBe(400);
  });
});

describe("Etsy receipts", () => {
  it("a sale creates a receipt, lowers the offering and moves last_modified; a cancellation restores it", async () => {
    const id = shop.listing_ids[1];
    const sale = await control<{ receipt_id: number }>("POST", `/etsy/shops/${shop.shop_id}/sales`, { listing_id: id, sku: "TEE-M", quantity: 2 });
    expect(sale.status).toBe(201);
    const receiptId = sale.body.receipt_id;
    const inv = (await control<StoredListing>("GET", `/etsy/listings/${id}`)).body.inventory;
    expect(inv.products.find((p) => p.sku === "TEE-M")?.offerings[0].quantity).toBe(1);

    const list = await etsy("getShopReceipts", "GET", `/v3/application/shops/${shop.shop_id}/receipts?min_last_modified=946684800&was_paid=true&limit=10`);
    const receipts = list.body as { count: number; results: { receipt_id: number; transactions: { sku: string; quantity: number; listing_id: number; product_id: number }[] }[] };
    expect(receipts.count).toBe(1);
    expect(receipts.results[0].transactions[0]).toMatchObject({ sku: "TEE-M", quantity: 2, listing_id: id });

    const one = await etsy("getShopReceipt", "GET", `/v3/application/shops/${shop.shop_id}/receipts/${receiptId}`);
    expect(one.body).toMatchObject({ receipt_id: receiptId, status: "paid" });
    const tx = await etsy("getShopReceiptTransactionsByReceipt", "GET", `/v3/application/shops/${shop.shop_id}/receipts/${receiptId}/transactions`);
    expect((tx.body as { count: number }).count).toBe(1);

    await control("POST", "/clock", { advance_seconds: 60 });
    expect((await control("POST", `/etsy/receipts/${receiptId}/cancel`)).status).toBe(200);
    const after = (await control<StoredListing>("GET", `/etsy/listings/${id}`)).body.inventory;
    expect(after.products.find((p) => p.sku === "TEE-M")?.offerings[0].quantity).toBe(3);
    // Receipts are static records: the cancellation shows on the receipt, not in min_last_modified polling.
    const canceled = await etsy("getShopReceipt", "GET", `/v3/application/shops/${shop.shop_id}/receipts/${receiptId}`);
    expect(canceled.body).toMatchObject({ status: "canceled" });
    const since = Math.floor(Date.now() / 1000) + 30;
    const changed = await etsy("getShopReceipts", "GET", `/v3/application/shops/${shop.shop_id}/receipts?min_last_modified=${since}`);
    expect((changed.body as { count: number }).count).toBe(0);
    expect((await etsy("getShopReceipt", "GET", `/v3/application/shops/${shop.shop_id}/receipts/1`)).status).toBe(404);
    expect((await etsy("getShopReceiptTransactionsByReceipt", "GET", `/v3/application/shops/${shop.shop_id}/receipts/1/transactions`)).status).toBe(404);
  });

  it("a shipped receipt is completed and filtered by was_shipped", async () => {
    const sale = await control<{ receipt_id: number }>("POST", `/etsy/shops/${shop.shop_id}/sales`, { listing_id: shop.listing_ids[0], quantity: 1 });
    expect((await control("POST", `/etsy/receipts/${sale.body.receipt_id}/ship`)).status).toBe(200);
    const shipped = await etsy("getShopReceipts", "GET", `/v3/application/shops/${shop.shop_id}/receipts?was_shipped=true`);
    expect((shipped.body as { results: { status: string }[] }).results).toEqual([expect.objectContaining({ status: "completed", is_shipped: true })]);
    const unshipped = await etsy("getShopReceipts", "GET", `/v3/application/shops/${shop.shop_id}/receipts?was_shipped=false`);
    expect((unshipped.body as { count: number }).count).toBe(0);
  });

  it("restocking a sold-out listing through the inventory keeps it sold_out until updateListing activates it (open-api issue 247)", async () => {
    const id = shop.listing_ids[0];
    await control("POST", `/etsy/shops/${shop.shop_id}/sales`, { listing_id: id, quantity: 3 });
    const inv = (await etsy("getListingInventory", "GET", `/v3/application/listings/${id}/inventory`)).body as Inventory;
    expect((await etsy("updateListingInventory", "PUT", `/v3/application/listings/${id}/inventory`, { body: toUpdate(inv, { "MUG-1": 5 }) })).status).toBe(200);
    expect((await control<StoredListing>("GET", `/etsy/listings/${id}`)).body).toMatchObject({ state: "sold_out", quantity: 5 });
    const on = await etsy("updateListing", "PATCH", `/v3/application/shops/${shop.shop_id}/listings/${id}`, { form: { state: "active" } });
    expect(on.body).toMatchObject({ state: "active", quantity: 5 });
  });

  it("the last unit sold puts the listing in sold_out", async () => {
    const id = shop.listing_ids[0];
    await control("POST", `/etsy/shops/${shop.shop_id}/sales`, { listing_id: id, quantity: 3 });
    const l = await etsy("getListing", "GET", `/v3/application/listings/${id}`);
    expect(l.body).toMatchObject({ state: "sold_out", quantity: 0 });
  });

  it("receipt filters outside the spec's range are refused with 400", async () => {
    expect((await etsy("getShopReceipts", "GET", `/v3/application/shops/${shop.shop_id}/receipts?min_created=5`)).status).toBe(400);
    expect((await etsy("getShopReceipts", "GET", `/v3/application/shops/${shop.shop_id}/receipts?was_paid=maybe`)).status).toBe(400);
  });
});

describe("Etsy gateway errors", () => {
  it("x-api-key must carry the shared secret", async () => {
    const bare = await fetch(`${sb.url}/etsy/v3/application/users/me`, { headers: { "x-api-key": "sandbox-etsy-key", authorization: `Bearer ${token}` } });
    expect(bare.status).toBe(403);
    expect(await bare.json()).toEqual({ error: "Shared secret is required in x-api-key header." });
    const wrong = await fetch(`${sb.url}/etsy/v3/application/users/me`, { headers: { "x-api-key": "sandbox-etsy-key:nope", authorization: `Bearer ${token}` } });
    expect(wrong.status).toBe(403);
    expect(spec.validateError(await wrong.json())).toEqual({ ok: true });
  });

  it("a missing or unknown token is 401 invalid_token", async () => {
    const r = await etsy("getMe", "GET", "/v3/application/users/me", { token: null });
    expect(r).toMatchObject({ status: 401, body: { error: "invalid_token" } });
    expect((await etsy("getShopReceipts", "GET", `/v3/application/shops/${shop.shop_id}/receipts`, { token: "1.nope" })).status).toBe(401);
  });
});

describe("Etsy seller edits (control API)", () => {
  it("a relative edit adds to what the listing shows at that instant; one below zero is refused", async () => {
    const [mug, tee] = shop.listing_ids;
    await control("POST", `/etsy/shops/${shop.shop_id}/sales`, { listing_id: mug, quantity: 1 });
    expect((await control("PATCH", `/etsy/listings/${mug}`, { delta: 4 })).body).toMatchObject({ quantity: 6 });
    expect((await control("PATCH", `/etsy/listings/${tee}`, { delta: -1, sku: "TEE-M" })).status).toBe(200);
    expect((await control<StoredListing>("GET", `/etsy/listings/${tee}`)).body.quantity).toBe(4);
    expect((await control("PATCH", `/etsy/listings/${mug}`, { delta: -7 })).status).toBe(409);
    expect((await control("PATCH", `/etsy/listings/${tee}`, { delta: 1 })).status).toBe(400);
    expect((await control("PATCH", `/etsy/listings/${mug}`, { delta: 1, quantity: 2 })).status).toBe(400);
  });
});
