import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSandbox, type RunningSandbox } from "@/sandbox/app";
import { connectEtsy, etsyApiKey, etsyDefaults, etsyTokenCall, etsyAuthorizeParams, pkcePair, submitConsent } from "@/sandbox/testing";
import { controlClient, etsyClient, toUpdate, type Inventory, type SeededShop, type StoredListing } from "./sandbox-etsy-contract";

// Etsy's 2026 API as the sandbox emulates it (docs/marketplaces.md "2026 changes"), against
// the 2026 OpenAPI file: processing profiles, the batch inventory read, comma-separated
// arrays, static receipts, renewals, advertised rate limits, and the token endpoint.

let sb: RunningSandbox;
let shop: SeededShop;
let token: string;
let ready: number;
let made: number;
const etsy = etsyClient(() => sb.url, () => token);
const control = controlClient(() => sb.url);

type ListingOut = { listing_id: number; readiness_state_id: number | null; inventory?: Inventory };
type Page<T> = { count: number; results: T[] };

beforeAll(async () => {
  sb = await startSandbox({ port: 0, config: { etsy: { ratePerSecond: 10_000 } } });
});
afterAll(() => sb.close());

beforeEach(async () => {
  await control("POST", "/reset");
  const created = await control<SeededShop>("POST", "/etsy/shops", {
    shop_name: "ProfileShop",
    listings: [
      { title: "Mug", sku: "MUG-1", quantity: 3, price: 12.5 },
      {
        title: "Tee",
        quantity: 5,
        price: 20,
        variations: [{ property: "Size", values: [{ value: "S", sku: "TEE-S", quantity: 2 }, { value: "M", sku: "TEE-M", quantity: 3, readiness_state: "made_to_order" }] }],
      },
      { title: "Vase", sku: "VASE-1", quantity: 1, price: 40, readiness_state: "made_to_order" },
    ],
  });
  expect(created.status).toBe(201);
  shop = created.body;
  ready = shop.readiness_states.find((r) => r.readiness_state === "ready_to_ship")?.readiness_state_id ?? 0;
  made = shop.readiness_states.find((r) => r.readiness_state === "made_to_order")?.readiness_state_id ?? 0;
  expect(shop.default_readiness_state_id).toBe(ready);
  token = (await connectEtsy(sb.url, shop.user_id)).access_token;
});

const inventoryOf = async (id: number) => (await etsy("getListingInventory", "GET", `/v3/application/listings/${id}/inventory`)).body as Inventory;
const profiles = (inv: Inventory) => inv.products.map((p) => [p.sku, p.offerings[0].readiness_state_id]);
const stored = async (id: number) => (await control<StoredListing>("GET", `/etsy/listings/${id}`)).body;
const put = (id: number, body: unknown) => etsy("updateListingInventory", "PUT", `/v3/application/listings/${id}/inventory`, { body });

describe("processing profiles (readiness states)", () => {
  it("each shop has ready-to-ship and made-to-order definitions, read with getShopReadinessStateDefinitions", async () => {
    const all = await etsy("getShopReadinessStateDefinitions", "GET", `/v3/application/shops/${shop.shop_id}/readiness-state-definitions`);
    expect(all.body).toMatchObject({
      count: 2,
      results: [
        { shop_id: shop.shop_id, readiness_state_id: ready, readiness_state: "ready_to_ship" },
        { shop_id: shop.shop_id, readiness_state_id: made, readiness_state: "made_to_order" },
      ],
    });
    const one = await etsy("getShopReadinessStateDefinition", "GET", `/v3/application/shops/${shop.shop_id}/readiness-state-definitions/${made}`);
    expect(one.body).toMatchObject({ readiness_state_id: made, readiness_state: "made_to_order" });
    expect((await etsy("getShopReadinessStateDefinition", "GET", `/v3/application/shops/${shop.shop_id}/readiness-state-definitions/1`)).status).toBe(404);
    const other = (await control<SeededShop>("POST", "/etsy/shops", { shop_name: "Other", listings: 0 })).body;
    expect((await etsy("getShopReadinessStateDefinitions", "GET", `/v3/application/shops/${other.shop_id}/readiness-state-definitions`)).status).toBe(403);
  });

  it("shop-scoped and single-listing reads carry the ids; variations on two profiles name the property", async () => {
    const [mug, tee, vase] = shop.listing_ids;
    const byShop = await etsy("getListingsByShop", "GET", `/v3/application/shops/${shop.shop_id}/listings?includes=Inventory&sort_order=asc`);
    // The shop's listings come newest first (Etsy ignores sort_order here).
    const results = [...(byShop.body as Page<ListingOut>).results].sort((a, b) => Number(a.listing_id) - Number(b.listing_id));
    expect(results.map((l) => l.readiness_state_id)).toEqual([ready, ready, made]);
    expect(profiles(results[1].inventory as Inventory)).toEqual([["TEE-S", ready], ["TEE-M", made]]);
    expect(results[1].inventory?.readiness_state_on_property).toEqual([100]);
    expect(results[0].inventory?.readiness_state_on_property).toEqual([]);
    expect(profiles(await inventoryOf(vase))).toEqual([["VASE-1", made]]);
    expect(profiles(await inventoryOf(tee))).toEqual([["TEE-S", ready], ["TEE-M", made]]);
    const single = await etsy("getListing", "GET", `/v3/application/listings/${mug}`);
    expect(single.body).toMatchObject({ listing_id: mug, readiness_state_id: ready });
  });

  it("the listing-level id is only shown for active listings", async () => {
    const vase = shop.listing_ids[2];
    await etsy("updateListing", "PATCH", `/v3/application/shops/${shop.shop_id}/listings/${vase}`, { form: { state: "inactive" } });
    expect((await etsy("getListing", "GET", `/v3/application/listings/${vase}`)).body).toMatchObject({ state: "inactive", readiness_state_id: null });
    expect(profiles(await inventoryOf(vase))).toEqual([["VASE-1", made]]);
  });

  it("the control API takes profile ids on an existing shop, and refuses unknown ones", async () => {
    const created = await control<StoredListing>("POST", `/etsy/shops/${shop.shop_id}/listings`, {
      title: "Scarf",
      quantity: 4,
      price: 30,
      readiness_state_id: made,
      variations: [{ property: "Color", values: [{ value: "Sage", sku: "SC-S", quantity: 2, readiness_state_id: ready }, { value: "Ochre", sku: "SC-O", quantity: 2 }] }],
    });
    expect(created.status).toBe(201);
    expect(profiles(created.body.inventory)).toEqual([["SC-S", ready], ["SC-O", made]]);
    expect(created.body.inventory.readiness_state_on_property).toEqual([200]);
    const bad = await control("POST", `/etsy/shops/${shop.shop_id}/listings`, { title: "X", quantity: 1, price: 1, readiness_state_id: 123 });
    expect(bad).toMatchObject({ status: 400, body: { error: expect.stringContaining("readiness_state_id 123") } });
    const early = await control("POST", "/etsy/shops", { shop_name: "Early", listings: [{ title: "X", quantity: 1, price: 1, readiness_state_id: ready }] });
    expect(early.status).toBe(400);
  });

  it("the seller changes a profile in Etsy's editor (control PATCH)", async () => {
    const [mug, tee] = shop.listing_ids;
    expect((await control("PATCH", `/etsy/listings/${mug}`, { readiness_state_id: made })).status).toBe(200);
    expect(profiles((await stored(mug)).inventory)).toEqual([["MUG-1", made]]);
    await control("PATCH", `/etsy/listings/${tee}`, { sku: "TEE-M", readiness_state_id: ready });
    expect((await stored(tee)).inventory).toMatchObject({ readiness_state_on_property: [] });
    await control("PATCH", `/etsy/listings/${tee}`, { sku: "TEE-S", readiness_state_id: made, quantity: 6 });
    const tee2 = (await stored(tee)).inventory;
    expect(profiles(tee2)).toEqual([["TEE-S", made], ["TEE-M", ready]]);
    expect(tee2.readiness_state_on_property).toEqual([100]);
    expect((await control("PATCH", `/etsy/listings/${mug}`, { readiness_state_id: 5 })).status).toBe(400);
  });
});

describe("updateListingInventory with processing profiles", () => {
  it("an offering without readiness_state_id is refused: 400 Missing required parameter", async () => {
    const id = shop.listing_ids[0];
    const body = toUpdate(await inventoryOf(id), {});
    const legacy = { ...body, products: body.products.map((p) => ({ ...p, offerings: p.offerings.map(({ price, quantity, is_enabled }) => ({ price, quantity, is_enabled })) })) };
    const r = await put(id, legacy);
    expect(r).toMatchObject({ status: 400, body: { error: "Missing required parameter: readiness_state_id" } });
    expect((await stored(id)).quantity).toBe(3);
  });

  it("a profile id that is not one of the shop's is refused", async () => {
    const other = (await control<SeededShop>("POST", "/etsy/shops", { shop_name: "Other", listings: 0 })).body;
    const id = shop.listing_ids[0];
    const body = toUpdate(await inventoryOf(id), {});
    body.products[0].offerings[0].readiness_state_id = other.default_readiness_state_id;
    const r = await put(id, body);
    expect(r).toMatchObject({ status: 400, body: { error: expect.stringContaining(`readiness_state_id ${other.default_readiness_state_id}`) } });
  });

  it("what was read and sent back is kept, including profiles that vary by property", async () => {
    const tee = shop.listing_ids[1];
    const r = await put(tee, toUpdate(await inventoryOf(tee), { "TEE-S": 9 }));
    expect(r.status).toBe(200);
    expect(profiles(r.body as Inventory)).toEqual([["TEE-S", ready], ["TEE-M", made]]);
    expect((await stored(tee)).inventory.readiness_state_on_property).toEqual([100]);
    const body = toUpdate(await inventoryOf(tee), {});
    const noProperty = await put(tee, { ...body, readiness_state_on_property: [] });
    expect(noProperty).toMatchObject({ status: 400, body: { error: expect.stringContaining("readiness_state_on_property") } });
  });

  it("a write that resets the profiles (null) puts the shop's default back, visible in the control GET", async () => {
    const vase = shop.listing_ids[2];
    const body = toUpdate(await inventoryOf(vase), { "VASE-1": 2 });
    body.products[0].offerings[0].readiness_state_id = null;
    expect((await put(vase, body)).status).toBe(200);
    expect(profiles((await stored(vase)).inventory)).toEqual([["VASE-1", ready]]);
  });
});

describe("batch reads", () => {
  it("getListingsInventoryByListingIds returns each listing's inventory, with null profile ids", async () => {
    const r = await etsy("getListingsInventoryByListingIds", "GET", `/v3/application/listings/batch/inventory?listing_ids=${shop.listing_ids.join(",")}`);
    const body = r.body as Page<ListingOut>;
    expect(body.count).toBe(3);
    expect(body.results.map((l) => l.listing_id)).toEqual(shop.listing_ids);
    expect(body.results.map((l) => l.readiness_state_id)).toEqual([null, null, null]);
    const tee = body.results[1].inventory as Inventory;
    expect(profiles(tee)).toEqual([["TEE-S", null], ["TEE-M", null]]);
    expect(tee.products.map((p) => p.offerings[0].quantity)).toEqual([2, 3]);
    expect(tee.readiness_state_on_property).toEqual([100]);
  });

  it("one unknown id makes the whole call 404; more than 100 ids is 400; a token is required", async () => {
    const unknown = await etsy("getListingsInventoryByListingIds", "GET", `/v3/application/listings/batch/inventory?listing_ids=${shop.listing_ids[0]},999`);
    expect(unknown).toMatchObject({ status: 404, body: { error: expect.stringContaining("999") } });
    const many = Array.from({ length: 101 }, (_, i) => i + 1).join(",");
    expect((await etsy("getListingsInventoryByListingIds", "GET", `/v3/application/listings/batch/inventory?listing_ids=${many}`)).status).toBe(400);
    expect((await etsy("getListingsInventoryByListingIds", "GET", `/v3/application/listings/batch/inventory?listing_ids=${shop.listing_ids[0]}`, { token: null })).status).toBe(401);
  });

  it("other sellers' listings come back with their SKUs stripped", async () => {
    const other = (await control<SeededShop>("POST", "/etsy/shops", { shop_name: "Other", listings: [{ title: "Cup", sku: "CUP-1", quantity: 2, price: 9 }] })).body;
    const r = await etsy("getListingsInventoryByListingIds", "GET", `/v3/application/listings/batch/inventory?listing_ids=${shop.listing_ids[0]},${other.listing_ids[0]}`);
    expect((r.body as Page<ListingOut>).results.map((l) => l.inventory?.products[0].sku)).toEqual(["MUG-1", ""]);
  });

  it("getListingsByListingIds returns listings without profile ids", async () => {
    const r = await etsy("getListingsByListingIds", "GET", `/v3/application/listings/batch?listing_ids=${shop.listing_ids.join(",")}`);
    expect((r.body as Page<ListingOut>).results.map((l) => l.readiness_state_id)).toEqual([null, null, null]);
  });

  it("includes=Inventory on getListingsByListingIds and getListing is refused with 400 (dropped by the 2026 spec)", async () => {
    const batch = await etsy("getListingsByListingIds", "GET", `/v3/application/listings/batch?listing_ids=${shop.listing_ids[0]}&includes=Inventory`);
    expect(batch).toMatchObject({ status: 400, body: { error: expect.stringMatching(/'Inventory' is not a valid value for 'includes'/) } });
    const single = await etsy("getListing", "GET", `/v3/application/listings/${shop.listing_ids[0]}?includes=Inventory`);
    expect(single).toMatchObject({ status: 400, body: { error: expect.stringContaining("includes") } });
    expect((await etsy("getListing", "GET", `/v3/application/listings/${shop.listing_ids[0]}?includes=Images`)).status).toBe(200);
  });

  it("array parameters are comma-separated: repeated keys are refused as Etsy refuses them", async () => {
    const [a, b] = shop.listing_ids;
    const batch = await etsy("getListingsByListingIds", "GET", `/v3/application/listings/batch?listing_ids=${a}&listing_ids=${b}`);
    expect(batch).toMatchObject({ status: 400, body: { error: "Expected int value for 'listing_ids'" } });
    const inv = await etsy("getListingsInventoryByListingIds", "GET", `/v3/application/listings/batch/inventory?listing_ids=${a}&listing_ids=${b}`);
    expect(inv).toMatchObject({ status: 400, body: { error: "Expected int value for 'listing_ids'" } });
    const shopped = await etsy("getListingsByShop", "GET", `/v3/application/shops/${shop.shop_id}/listings?includes=Inventory&includes=Images`);
    expect(shopped).toMatchObject({ status: 400, body: { error: "Expected string value for 'includes'" } });
    expect((await etsy("getListingsByShop", "GET", `/v3/application/shops/${shop.shop_id}/listings?includes=Inventory,Images`)).status).toBe(200);
  });
});

type Receipt = { receipt_id: number; status: string; updated_timestamp: number; is_shipped: boolean; refunds: unknown[] };

describe("receipts are static records", () => {
  const receipt = async (id: number) => (await etsy("getShopReceipt", "GET", `/v3/application/shops/${shop.shop_id}/receipts/${id}`)).body as Receipt;
  const list = async (query: string) => (await etsy("getShopReceipts", "GET", `/v3/application/shops/${shop.shop_id}/receipts?${query}`)).body as Page<Receipt>;
  const sell = async (body: Record<string, unknown>) => (await control<{ receipt_id: number }>("POST", `/etsy/shops/${shop.shop_id}/sales`, body)).body.receipt_id;

  it("a cancellation changes the status but not updated_timestamp, so min_last_modified never sees it", async () => {
    const id = await sell({ listing_id: shop.listing_ids[0], quantity: 1 });
    const before = await receipt(id);
    await control("POST", "/clock", { advance_seconds: 120 });
    const since = before.updated_timestamp + 60;
    expect((await control("POST", `/etsy/receipts/${id}/cancel`)).status).toBe(200);
    const after = await receipt(id);
    expect(after).toMatchObject({ status: "canceled", updated_timestamp: before.updated_timestamp });
    expect((await list(`min_last_modified=${since}`)).count).toBe(0);
    expect((await list("was_canceled=true")).results.map((r) => r.receipt_id)).toEqual([id]);
    expect((await list("was_canceled=false")).count).toBe(0);
  });

  it("a refund changes the status and lists the refund, not updated_timestamp", async () => {
    const id = await sell({ listing_id: shop.listing_ids[0], quantity: 2 });
    const before = await receipt(id);
    await control("POST", "/clock", { advance_seconds: 120 });
    expect((await control("POST", `/etsy/receipts/${id}/refund`, { amount: 5 })).body).toEqual({ receipt_id: id, status: "partially refunded" });
    expect(await receipt(id)).toMatchObject({ status: "partially refunded", updated_timestamp: before.updated_timestamp, refunds: [{ amount: { amount: 500, divisor: 100 } }] });
    expect((await control("POST", `/etsy/receipts/${id}/refund`)).body).toEqual({ receipt_id: id, status: "fully refunded" });
    expect((await control("POST", `/etsy/receipts/${id}/refund`)).status).toBe(409);
    expect((await stored(shop.listing_ids[0])).quantity).toBe(1);
  });

  it("shipping and delivery do move updated_timestamp; was_paid, was_shipped, was_delivered and created filters apply", async () => {
    const first = await sell({ listing_id: shop.listing_ids[0], quantity: 1 });
    await control("POST", "/clock", { advance_seconds: 1800 });
    const unpaid = await sell({ listing_id: shop.listing_ids[0], quantity: 1, paid: false });
    const created = (await receipt(unpaid)).updated_timestamp;
    expect((await receipt(unpaid)).status).toBe("payment processing");
    expect((await list("was_paid=false")).results.map((r) => r.receipt_id)).toEqual([unpaid]);
    expect((await list(`min_created=${created}`)).results.map((r) => r.receipt_id)).toEqual([unpaid]);
    expect((await list(`max_created=${created - 1}`)).results.map((r) => r.receipt_id)).toEqual([first]);
    expect((await control("POST", `/etsy/receipts/${first}/deliver`)).status).toBe(409);
    await control("POST", `/etsy/receipts/${first}/ship`);
    await control("POST", "/clock", { advance_seconds: 60 });
    await control("POST", `/etsy/receipts/${first}/deliver`);
    expect((await list("was_delivered=true")).results.map((r) => r.receipt_id)).toEqual([first]);
    expect((await list("was_delivered=false")).results.map((r) => r.receipt_id)).toEqual([unpaid]);
    expect((await list("was_shipped=true")).results.map((r) => r.receipt_id)).toEqual([first]);
    expect((await list(`min_last_modified=${created + 30}`)).results.map((r) => r.receipt_id)).toEqual([first]);
  });
});

describe("renewals", () => {
  it("activating a sold_out listing sets quantity 1 and counts a renewal; activating an inactive one does not", async () => {
    const [mug, , vase] = shop.listing_ids;
    await control("POST", `/etsy/shops/${shop.shop_id}/sales`, { listing_id: vase, quantity: 1 });
    expect(await stored(vase)).toMatchObject({ state: "sold_out", renewals: 0 });
    const on = await etsy("updateListing", "PATCH", `/v3/application/shops/${shop.shop_id}/listings/${vase}`, { form: { state: "active" } });
    expect(on.body).toMatchObject({ state: "active", quantity: 1, readiness_state_id: made });
    expect(await stored(vase)).toMatchObject({ state: "active", quantity: 1, renewals: 1 });
    await etsy("updateListing", "PATCH", `/v3/application/shops/${shop.shop_id}/listings/${mug}`, { form: { state: "inactive" } });
    await etsy("updateListing", "PATCH", `/v3/application/shops/${shop.shop_id}/listings/${mug}`, { form: { state: "active" } });
    expect((await stored(mug)).renewals).toBe(0);
    const stats = (await control<{ etsy: { renewals: number; renewals_by_listing: Record<string, number> } }>("GET", "/stats")).body;
    expect(stats.etsy).toMatchObject({ renewals: 1, renewals_by_listing: { [vase]: 1 } });
  });
});

describe("advertised rate limits", () => {
  const me = () => fetch(`${sb.url}/etsy/v3/application/users/me`, { headers: { "x-api-key": etsyApiKey, authorization: `Bearer ${token}` } });

  it("PUT /_control/etsy/limits lowers the budgets; headers advertise them and they are enforced with 429 + retry-after", async () => {
    const set = await control("PUT", "/etsy/limits", { per_second: 2, per_day: 3 });
    expect(set.body).toMatchObject({ per_second: 2, per_day: 3 });
    const answers = await Promise.all([me(), me(), me()]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 200, 429]);
    const limited = answers.find((r) => r.status === 429);
    expect(limited?.headers.get("x-limit-per-second")).toBe("2");
    expect(limited?.headers.get("x-limit-per-day")).toBe("3");
    expect(limited?.headers.get("retry-after")).toBe("1");
    expect(await limited?.json()).toEqual({ error: "You have exceeded your quota of: 2 requests per second" });
    await new Promise((r) => setTimeout(r, 1100));
    expect((await me()).headers.get("x-remaining-today")).toBe("0");
    const overDay = await me();
    expect(overDay.status).toBe(429);
    expect(await overDay.json()).toEqual({ error: "You have exceeded your quota of: 3 requests per day" });
    expect((await control("GET", "/etsy/limits")).body).toMatchObject({ per_second: 2, per_day: 3, remaining_today: 0 });
    expect((await control("PUT", "/etsy/limits", { per_second: 0 })).status).toBe(400);
    await control("POST", "/reset");
    expect((await control("GET", "/etsy/limits")).body).toMatchObject({ per_second: 10_000, per_day: 10_000 });
  });
});

describe("token endpoint", () => {
  async function code() {
    const { verifier, challenge } = pkcePair();
    const location = await submitConsent(sb.url, "/etsy/oauth/connect", etsyAuthorizeParams(challenge), String(shop.user_id));
    return { code: location.searchParams.get("code") ?? "", verifier };
  }
  const grant = (c: { code: string; verifier: string }) => ({ grant_type: "authorization_code", client_id: etsyDefaults.keystring, redirect_uri: etsyDefaults.redirectUri, code: c.code, code_verifier: c.verifier });

  it("accepts a JSON body (Etsy's Quick Start) as well as a form", async () => {
    const res = await fetch(`${sb.url}/etsy/v3/public/oauth/token`, { method: "POST", headers: { "content-type": "application/json", "x-api-key": etsyApiKey }, body: JSON.stringify(grant(await code())) });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ token_type: "Bearer", expires_in: 3600, access_token: expect.stringMatching(new RegExp(`^${shop.user_id}\\.`)) });
    const broken = await fetch(`${sb.url}/etsy/v3/public/oauth/token`, { method: "POST", headers: { "content-type": "application/json" }, body: "{" });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ error: "invalid_request" });
  });

  it("does not require the shared secret (a wrong one is still refused); API calls do", async () => {
    const none = await fetch(`${sb.url}/etsy/v3/public/oauth/token`, { method: "POST", body: new URLSearchParams(grant(await code())) });
    expect(none.status).toBe(200);
    const bare = await fetch(`${sb.url}/etsy/v3/public/oauth/token`, { method: "POST", headers: { "x-api-key": etsyDefaults.keystring }, body: new URLSearchParams(grant(await code())) });
    expect(bare.status).toBe(200);
    const wrong = await etsyTokenCall(sb.url, grant(await code()));
    expect(wrong.status).toBe(200);
    const badSecret = await fetch(`${sb.url}/etsy/v3/public/oauth/token`, { method: "POST", headers: { "x-api-key": `${etsyDefaults.keystring}:nope` }, body: new URLSearchParams(grant(await code())) });
    expect(badSecret.status).toBe(403);
    const api = await fetch(`${sb.url}/etsy/v3/application/users/me`, { headers: { "x-api-key": etsyDefaults.keystring, authorization: `Bearer ${token}` } });
    expect(api.status).toBe(403);
    expect(await api.json()).toEqual({ error: "Shared secret is required in x-api-key header." });
  });
});
