import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { queryHmac, readShopifyWebhook, verifyCallback, type WebhookDelivery } from "@/lib/marketplaces/shopify";
import { connectShopify, shopifyDefaults, submitConsent } from "@/sandbox/testing";
import { startShopifyFixture, type ShopifyFixture } from "../support/shopify";
import { startWebhookEndpoint, type WebhookEndpoint } from "../support/webhook-endpoint";

// The Shopify emulator as a client sees it: the install flow and its signed redirect, the
// GraphQL endpoint's authentication, validation against the official schema, cost extension,
// the 2026-04 inventory mutations, and webhooks signed as Shopify signs them.

const SHOP = "emulated.myshopify.com";
let fx: ShopifyFixture;
let hooks: WebhookEndpoint;
const received: WebhookDelivery[] = [];
let token: string;
let itemId: string;
let locationId: string;

beforeAll(async () => {
  hooks = await startWebhookEndpoint({
    "/api/webhooks/shopify": async (req) => {
      const read = readShopifyWebhook(shopifyDefaults.apiSecret, req.headers, await req.text());
      if (!read.ok) return new Response(read.reason, { status: read.status });
      received.push(read.delivery);
      return new Response(null, { status: 200 });
    },
  });
  fx = await startShopifyFixture({ webhooks: { appUrl: hooks.url, retryDelaysMs: [50] }, shopify: { bucketSize: 2_000, restorePerSecond: 100 } });
});
afterAll(async () => {
  await fx.sb.close();
  await hooks.close();
});

beforeEach(async () => {
  await fx.control("POST", "/reset");
  received.length = 0;
  const shop = await fx.control<{ locations: { id: string }[]; products: { variants: { inventory_item_id: string }[] }[] }>("POST", "/shopify/shops", {
    domain: SHOP,
    products: [{ title: "Mug", variants: [{ sku: "MUG", quantity: 5 }, { sku: "MUG-2", quantity: 1 }] }],
  });
  itemId = shop.products[0].variants[0].inventory_item_id;
  locationId = shop.locations[0].id;
  token = (await connectShopify(fx.sb.url, SHOP)).access_token;
});

const gql = (query: string, variables: Record<string, unknown> = {}, accessToken = token, version = "2026-04") =>
  fetch(`${fx.sb.url}/shopify/${SHOP}/admin/api/${version}/graphql.json`, { method: "POST", headers: { "content-type": "application/json", "x-shopify-access-token": accessToken }, body: JSON.stringify({ query, variables }) });

type Answer = { data?: Record<string, unknown>; errors?: { message: string; extensions?: { code?: string } }[]; extensions?: { cost: { requestedQueryCost: number; actualQueryCost: number | null; throttleStatus: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number } } } };

const SET = `mutation Set($input: InventorySetQuantitiesInput!, $key: String!) { inventorySetQuantities(input: $input) @idempotent(key: $key) { inventoryAdjustmentGroup { changes { name delta quantityAfterChange } } userErrors { code field message } } }`;
const setVars = (quantity: number, changeFromQuantity: number | null | undefined, key: string, extra: object[] = []) => ({
  key,
  input: { name: "available", reason: "correction", quantities: [{ inventoryItemId: itemId, locationId, quantity, ...(changeFromQuantity === undefined ? {} : { changeFromQuantity }) }, ...extra] },
});
const available = async (sku = "MUG") => (await fx.control<{ available: number }>("GET", `/shopify/inventory/${sku}?shop=${SHOP}`)).available;

describe("install", () => {
  const authorize = (over: Record<string, string> = {}) =>
    new URLSearchParams({ client_id: shopifyDefaults.apiKey, scope: "read_products,write_inventory", redirect_uri: shopifyDefaults.redirectUri, state: "s1", ...over });

  it("Allow redirects with code, shop, state, timestamp, host and an hmac over them", async () => {
    const location = await submitConsent(fx.sb.url, `/shopify/${SHOP}/admin/oauth/authorize`, authorize(), SHOP);
    expect([...location.searchParams.keys()].sort()).toEqual(["code", "hmac", "host", "shop", "state", "timestamp"]);
    expect(location.searchParams.get("hmac")).toBe(queryHmac(shopifyDefaults.apiSecret, location.searchParams));
    expect(verifyCallback({ apiSecret: shopifyDefaults.apiSecret }, location.searchParams, "s1")).toMatchObject({ ok: true, shop: SHOP });
    const forged = new URLSearchParams(location.searchParams);
    forged.set("shop", "other.myshopify.com");
    expect(verifyCallback({ apiSecret: shopifyDefaults.apiSecret }, forged, "s1").ok).toBe(false);
  });

  it("refuses an unknown app, a redirect URI not allowed, an unknown scope and an unknown shop", async () => {
    const page = (path: string, q: URLSearchParams) => fetch(`${fx.sb.url}${path}?${q}`);
    expect((await page(`/shopify/${SHOP}/admin/oauth/authorize`, authorize())).status).toBe(200);
    expect((await page(`/shopify/${SHOP}/admin/oauth/authorize`, authorize({ client_id: "nope" }))).status).toBe(400);
    expect((await page(`/shopify/${SHOP}/admin/oauth/authorize`, authorize({ redirect_uri: "https://evil.com/cb" }))).status).toBe(400);
    expect((await page(`/shopify/${SHOP}/admin/oauth/authorize`, authorize({ scope: "read_everything" }))).status).toBe(400);
    expect((await page(`/shopify/nobody.myshopify.com/admin/oauth/authorize`, authorize())).status).toBe(404);
  });

  it("exchanges a code once, and only with the app's secret", async () => {
    const location = await submitConsent(fx.sb.url, `/shopify/${SHOP}/admin/oauth/authorize`, authorize(), SHOP);
    const exchange = (secret: string) =>
      fetch(`${fx.sb.url}/shopify/${SHOP}/admin/oauth/access_token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ client_id: shopifyDefaults.apiKey, client_secret: secret, code: location.searchParams.get("code") }) });
    expect((await exchange("wrong")).status).toBe(400);
    const ok = await exchange(shopifyDefaults.apiSecret);
    expect(await ok.json()).toMatchObject({ access_token: expect.stringMatching(/^shpat_/), scope: "read_products,write_inventory" });
    expect((await exchange(shopifyDefaults.apiSecret)).status).toBe(400);
  });
});

describe("sandbox page", () => {
  it("lists the store's variants by location with buttons for a sale and an edit", async () => {
    const page = await (await fetch(`${fx.sb.url}/`)).text();
    expect(page).toContain("<h2>Shopify stores</h2>");
    expect(page).toContain(SHOP);
    expect(page).toContain(`/_control/shopify/shops/${SHOP}/orders`);
    expect(page).toContain(`/_control/shopify/inventory/MUG?shop=${SHOP}`);
  });
});

describe("GraphQL endpoint", () => {
  it("answers 401 without a valid token for this shop, and 404 for an unknown version", async () => {
    expect((await gql("{ shop { name } }", {}, "shpat_00000000000000000000000000000000")).status).toBe(401);
    expect(await (await gql("{ shop { name } }", {}, "")).json()).toEqual({ errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" });
    expect((await gql("{ shop { name } }", {}, token, "2019-04")).status).toBe(404);
  });

  it("validates every query against the official schema: an unknown field is refused with Shopify's error shape", async () => {
    const res = await gql("{ shop { name stockroomQuantity } }");
    expect(res.status).toBe(200);
    const body = (await res.json()) as Answer & { errors: { locations: unknown[] }[] };
    expect(body.data).toBeUndefined();
    expect(body.errors[0]).toMatchObject({ message: 'Cannot query field "stockroomQuantity" on type "Shop".', extensions: { code: "GRAPHQL_VALIDATION_FAILED" } });
    expect(body.errors[0].locations).toEqual([{ line: 1, column: 15 }]);
    // Fields removed in 2026-04 are refused too: compareQuantity gave way to changeFromQuantity.
    const old = (await (await gql(`mutation { inventorySetQuantities(input: { name: "available", reason: "correction", ignoreCompareQuantity: true, quantities: [] }) @idempotent(key: "k") { userErrors { message } } }`)).json()) as Answer;
    expect(old.errors?.[0].message).toMatch(/ignoreCompareQuantity/);
    expect(((await (await gql("{ shop { ")).json()) as Answer).errors?.[0].extensions?.code).toBe("PARSE_ERROR");
  });

  it("runs valid queries and reports their cost", async () => {
    const body = (await (await gql(`{ shop { name myshopifyDomain } location { name } products(first: 10) { nodes { variants(first: 5) { nodes { sku } } } } }`)).json()) as Answer;
    expect(body.data).toMatchObject({ shop: { myshopifyDomain: SHOP }, location: { name: "Shop location" }, products: { nodes: [{ variants: { nodes: [{ sku: "MUG" }, { sku: "MUG-2" }] } }] } });
    const cost = body.extensions!.cost;
    // shop 1 + location 1 + products 2 + 10 x (product 1 + variants (2 + 5 x 1)).
    expect(cost.requestedQueryCost).toBe(1 + 1 + 2 + 10 * (1 + 2 + 5));
    expect(cost.throttleStatus).toMatchObject({ maximumAvailable: 2000, restoreRate: 100 });
    // Charged, and restoring at 100 a second since (a few points in a slow run).
    expect(cost.throttleStatus.currentlyAvailable).toBeLessThanOrEqual(2000 - cost.requestedQueryCost + 20);
  });

  it("refuses a query whose cost exceeds 1,000 and one that does not fit the bucket", async () => {
    const huge = (await (await gql(`{ products(first: 250) { nodes { variants(first: 250) { nodes { sku } } } } }`)).json()) as Answer;
    expect(huge.errors?.[0].extensions?.code).toBe("MAX_COST_EXCEEDED");
    const big = `{ products(first: 100) { nodes { variants(first: 1) { nodes { sku } } } } }`;
    const answers = await Promise.all(Array.from({ length: 6 }, () => gql(big).then((r) => r.json() as Promise<Answer>)));
    const throttled = answers.filter((a) => a.errors?.[0].extensions?.code === "THROTTLED");
    expect(throttled.length).toBeGreaterThan(0);
    expect(throttled[0].extensions?.cost).toMatchObject({ requestedQueryCost: 402, actualQueryCost: null });
    expect(throttled[0].data).toBeUndefined();
  });
});

describe("inventory mutations (2026-04)", () => {
  it("sets available when changeFromQuantity matches", async () => {
    const body = (await (await gql(SET, setVars(9, 5, "k1"))).json()) as Answer;
    expect(body.data?.inventorySetQuantities).toMatchObject({ userErrors: [], inventoryAdjustmentGroup: { changes: [{ name: "available", delta: 4, quantityAfterChange: 9 }] } });
    expect(await available()).toBe(9);
  });

  it("a stale changeFromQuantity refuses the whole mutation", async () => {
    const other = (await fx.control<{ inventory_item_id: string }>("GET", `/shopify/inventory/MUG-2?shop=${SHOP}`)).inventory_item_id;
    const body = (await (await gql(SET, setVars(9, 4, "k2", [{ inventoryItemId: other, locationId, quantity: 3, changeFromQuantity: 1 }]))).json()) as Answer;
    expect(body.data?.inventorySetQuantities).toMatchObject({ inventoryAdjustmentGroup: null, userErrors: [{ code: "CHANGE_FROM_QUANTITY_STALE", field: ["input", "quantities", "0", "changeFromQuantity"] }] });
    expect([await available(), await available("MUG-2")]).toEqual([5, 1]);
  });

  it("changeFromQuantity must be given (null opts out), and the @idempotent key is required", async () => {
    const missing = (await (await gql(SET, setVars(9, undefined, "k3"))).json()) as Answer;
    expect(missing.data?.inventorySetQuantities).toMatchObject({ userErrors: [{ field: ["input", "quantities", "0", "changeFromQuantity"] }] });
    const optOut = (await (await gql(SET, setVars(9, null, "k4"))).json()) as Answer;
    expect(optOut.data?.inventorySetQuantities).toMatchObject({ userErrors: [] });
    const noKey = (await (await gql(SET.replace(" @idempotent(key: $key)", "").replace(", $key: String!", ""), { input: setVars(1, 9, "").input })).json()) as Answer;
    expect(noKey.errors?.[0].message).toMatch(/@idempotent/);
    expect(await available()).toBe(9);
  });

  it("the same idempotency key applies once; with other parameters it is refused", async () => {
    const first = (await (await gql(SET, setVars(7, 5, "same"))).json()) as Answer;
    const replay = (await (await gql(SET, setVars(7, 5, "same"))).json()) as Answer;
    expect(replay.data).toEqual(first.data);
    expect(await available()).toBe(7);
    const mismatch = (await (await gql(SET, setVars(3, 7, "same"))).json()) as Answer;
    expect(mismatch.data?.inventorySetQuantities).toMatchObject({ userErrors: [{ code: "IDEMPOTENCY_KEY_PARAMETER_MISMATCH" }] });
    expect(await available()).toBe(7);
  });

  it("inventoryAdjustQuantities moves by a delta, compare-and-set too", async () => {
    const ADJUST = `mutation A($input: InventoryAdjustQuantitiesInput!) { inventoryAdjustQuantities(input: $input) @idempotent(key: "a1") { inventoryAdjustmentGroup { changes { delta quantityAfterChange } } userErrors { code } } }`;
    const body = (await (await gql(ADJUST, { input: { name: "available", reason: "correction", changes: [{ inventoryItemId: itemId, locationId, delta: -2, changeFromQuantity: 5 }] } })).json()) as Answer;
    expect(body.data?.inventoryAdjustQuantities).toMatchObject({ userErrors: [], inventoryAdjustmentGroup: { changes: [{ delta: -2, quantityAfterChange: 3 }] } });
  });
});

describe("webhooks", () => {
  const topics = () => received.map((d) => d.topic);
  const settle = () => (fx.sb.sandbox.webhooks as { idle(): Promise<void> }).idle();

  it("a sale, its cancellation and a refund arrive signed, as their topics", async () => {
    const order = await fx.control<{ id: string }>("POST", `/shopify/shops/${SHOP}/orders`, { lines: [{ sku: "MUG", quantity: 2 }] });
    await fx.control("POST", `/shopify/orders/${encodeURIComponent(order.id)}/cancel`, {});
    await settle();
    expect(topics()).toEqual(["orders/create", "inventory_levels/update", "orders/cancelled", "refunds/create", "inventory_levels/update"]);
    expect(received[0].event).toMatchObject({ kind: "order", orderId: order.id, cancelled: false });
    expect(received[1].event).toMatchObject({ kind: "inventory_level", inventoryItemId: itemId, locationId, available: 3 });
    expect(received[2].event).toMatchObject({ kind: "order", cancelled: true });
    expect(received[3].event).toMatchObject({ kind: "refund", orderId: order.id, lines: [{ quantity: 2, restocked: true }] });
    expect(received.every((d) => d.shop === SHOP && d.webhookId.length > 0)).toBe(true);
  });

  it("our own writes and edits in Shopify admin arrive as inventory_levels/update", async () => {
    await gql(SET, setVars(9, 5, "w1"));
    await fx.control("PATCH", `/shopify/inventory/MUG?shop=${SHOP}`, { available: 4 });
    await settle();
    expect(received.map((d) => d.event)).toMatchObject([
      { kind: "inventory_level", available: 9 },
      { kind: "inventory_level", available: 4 },
    ]);
  });

  it("uninstalling sends app/uninstalled and ends the token; the privacy topics arrive after", async () => {
    await fx.control("POST", `/shopify/shops/${SHOP}/uninstall`);
    expect((await gql("{ shop { name } }")).status).toBe(401);
    for (const topic of ["customers/data_request", "customers/redact", "shop/redact"]) await fx.control("POST", `/shopify/shops/${SHOP}/privacy`, { topic, customer: { id: 42 }, orders: [7] });
    await settle();
    expect(topics()).toEqual(["app/uninstalled", "customers/data_request", "customers/redact", "shop/redact"]);
    expect(received[0].event).toEqual({ kind: "uninstalled", shop: SHOP });
    expect(received[1].event).toMatchObject({ kind: "customers_data_request", customerId: "gid://shopify/Customer/42", orderIds: ["gid://shopify/Order/7"] });
    // Nothing about orders or stock once the app is gone.
    await fx.control("POST", `/shopify/shops/${SHOP}/orders`, { lines: [{ sku: "MUG", quantity: 1 }] });
    await settle();
    expect(topics()).toHaveLength(4);
  });

  it("the webhook faults act on Shopify deliveries too", async () => {
    await fx.control("POST", "/faults", { marketplace: "shopify", kind: "webhook_duplicate", count: 1, path: "orders/create" });
    await fx.control("POST", `/shopify/shops/${SHOP}/orders`, { lines: [{ sku: "MUG", quantity: 1 }] });
    await settle();
    const creates = received.filter((d) => d.topic === "orders/create");
    expect(creates).toHaveLength(2);
    // The same webhook id both times: that is what a receiver deduplicates on.
    expect(creates[0].webhookId).toBe(creates[1].webhookId);
  });
});
