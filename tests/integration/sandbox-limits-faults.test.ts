import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSandbox, type RunningSandbox } from "@/sandbox/app";
import { specValidator } from "@/sandbox/spec-validator";
import { connectEbay, connectEtsy, etsyApiKey, etsyDefaults, etsyTokenCall } from "@/sandbox/testing";

// Rate limits, injected faults and call statistics.

const etsySpec = specValidator("etsy", { closed: true });
const inventorySpec = specValidator("ebay-inventory", { closed: true });
let sb: RunningSandbox;
let shop: { shop_id: number; user_id: number };
let etsyToken: { access_token: string; refresh_token: string };
let ebayToken: string;

beforeAll(async () => {
  sb = await startSandbox({ port: 0, config: { timeoutMs: 300, ebay: { dailyLimits: { fulfillment: 3 } } } });
});
afterAll(() => sb.close());

const control = (method: string, path: string, body?: unknown) => fetch(`${sb.url}/_control${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
const receipts = () => fetch(`${sb.url}/etsy/v3/application/shops/${shop.shop_id}/receipts`, { headers: { "x-api-key": etsyApiKey, authorization: `Bearer ${etsyToken.access_token}` } });
const items = () => fetch(`${sb.url}/ebay/sell/inventory/v1/inventory_item`, { headers: { authorization: `Bearer ${ebayToken}` } });

beforeEach(async () => {
  await control("POST", "/reset");
  shop = (await (await control("POST", "/etsy/shops", { shop_name: "LimitShop", listings: 2 })).json()) as typeof shop;
  await control("POST", "/ebay/sellers", { username: "limit_seller", items: 2 });
  etsyToken = await connectEtsy(sb.url, shop.user_id);
  ebayToken = (await connectEbay(sb.url, "limit_seller")).access_token;
});

describe("Etsy rate limits", () => {
  it("every response carries the four limit headers, and the 11th request in one second gets 429 with retry-after", async () => {
    const answers = await Promise.all(Array.from({ length: 11 }, () => receipts()));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    const limited = answers.find((r) => r.status === 429);
    if (!limited) throw new Error("no 429");
    expect(limited.headers.get("retry-after")).toBe("1");
    expect(limited.headers.get("x-limit-per-second")).toBe("10");
    expect(limited.headers.get("x-remaining-this-second")).toBe("0");
    expect(limited.headers.get("x-limit-per-day")).toBe("10000");
    expect(limited.headers.get("x-remaining-today")).toBe("9990");
    expect(etsySpec.validateError(await limited.json())).toEqual({ ok: true });
    const ok = answers.find((r) => r.status === 200);
    expect(ok?.headers.get("x-remaining-today")).toMatch(/^99\d\d$/);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await receipts()).status).toBe(200);
    const stats = (await (await control("GET", "/stats")).json()) as { etsy: { rate_limited: number; by_operation: Record<string, number> } };
    expect(stats.etsy.rate_limited).toBe(1);
    expect(stats.etsy.by_operation.getShopReceipts).toBe(12);
  });
});

describe("Etsy daily budget", () => {
  it("once the day's calls are used, 429 with retry-after until the rolling window frees one", async () => {
    const small = await startSandbox({ port: 0, config: { etsy: { ratePerDay: 3 } } });
    try {
      const s = (await (await fetch(`${small.url}/_control/etsy/shops`, { method: "POST", body: JSON.stringify({ shop_name: "Tiny", listings: 1 }) })).json()) as { shop_id: number };
      const call = () => fetch(`${small.url}/etsy/v3/application/shops/${s.shop_id}`, { headers: { "x-api-key": etsyApiKey } });
      for (let i = 0; i < 3; i++) expect((await call()).status).toBe(200);
      const over = await call();
      expect(over.status).toBe(429);
      expect(over.headers.get("x-remaining-today")).toBe("0");
      expect(Number(over.headers.get("retry-after"))).toBeGreaterThan(86_000);
      await fetch(`${small.url}/_control/clock`, { method: "POST", body: JSON.stringify({ advance_seconds: 86_401 }) });
      expect((await call()).status).toBe(200);
    } finally {
      await small.close();
    }
  });
});

describe("eBay daily limits", () => {
  it("a per-API daily limit answers 429 once used up", async () => {
    const orders = () => fetch(`${sb.url}/ebay/sell/fulfillment/v1/order`, { headers: { authorization: `Bearer ${ebayToken}` } });
    for (let i = 0; i < 3; i++) expect((await orders()).status).toBe(200);
    const over = await orders();
    expect(over.status).toBe(429);
    expect(((await over.json()) as { errors: { errorId: number }[] }).errors[0].errorId).toBe(2001);
    expect((await items()).status).toBe(200);
  });
});

describe("faults", () => {
  it("rate_limit: the next matching call gets 429, then calls pass again", async () => {
    expect((await control("POST", "/faults", { marketplace: "etsy", kind: "rate_limit", count: 1, path: "/receipts" })).status).toBe(201);
    const limited = await receipts();
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("1");
    expect((await receipts()).status).toBe(200);
  });

  it("server_error: 500 in the marketplace's error shape, limited to the path pattern", async () => {
    await control("POST", "/faults", { marketplace: "ebay", kind: "server_error", path: "inventory_item" });
    const failed = await items();
    expect(failed.status).toBe(500);
    expect(inventorySpec.validateError(await failed.json())).toEqual({ ok: true });
    expect((await fetch(`${sb.url}/ebay/sell/fulfillment/v1/order`, { headers: { authorization: `Bearer ${ebayToken}` } })).status).toBe(200);
    expect((await control("DELETE", "/faults")).status).toBe(204);
    expect((await items()).status).toBe(200);
  });

  it("timeout: the answer is held for the configured time, then 504", async () => {
    await control("POST", "/faults", { marketplace: "etsy", kind: "timeout", count: 1 });
    const started = Date.now();
    const res = await receipts();
    expect(res.status).toBe(504);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
  });

  it("malformed: a 200 whose JSON body does not parse", async () => {
    await control("POST", "/faults", { marketplace: "etsy", kind: "malformed", count: 1 });
    const res = await receipts();
    expect(res.status).toBe(200);
    await expect(res.json()).rejects.toThrow();
  });

  it("probability 0 never fires", async () => {
    await control("POST", "/faults", { marketplace: "etsy", kind: "server_error", probability: 0 });
    expect((await receipts()).status).toBe(200);
  });

  it("expire_tokens: issued access tokens answer 401, refresh still works", async () => {
    await control("POST", "/faults", { marketplace: "etsy", kind: "expire_tokens" });
    expect((await receipts()).status).toBe(401);
    const refreshed = await etsyTokenCall(sb.url, { grant_type: "refresh_token", client_id: etsyDefaults.keystring, refresh_token: etsyToken.refresh_token });
    expect(refreshed.status).toBe(200);
    etsyToken = (await refreshed.json()) as typeof etsyToken;
    expect((await receipts()).status).toBe(200);
  });

  it("a malformed fault request is refused with 400", async () => {
    expect((await control("POST", "/faults", { marketplace: "amazon", kind: "timeout" })).status).toBe(400);
    expect((await control("POST", "/faults", { marketplace: "etsy", kind: "timeout", path: "(" })).status).toBe(400);
  });
});

describe("control API", () => {
  it("answers 400 for malformed bodies and 404 for unknown ids", async () => {
    expect((await control("POST", "/etsy/shops", { listings: 2 })).status).toBe(400);
    expect((await fetch(`${sb.url}/_control/etsy/shops`, { method: "POST", body: "{not json" })).status).toBe(400);
    expect((await control("POST", "/etsy/shops/1/sales", { listing_id: 1, quantity: 1 })).status).toBe(404);
    expect((await control("POST", "/etsy/receipts/1/cancel")).status).toBe(404);
    expect((await control("GET", "/etsy/listings/1")).status).toBe(404);
    expect((await control("PATCH", "/ebay/items/NOPE?seller=limit_seller", { quantity: 1 })).status).toBe(404);
    expect((await control("POST", "/ebay/sellers/nobody/orders", { sku: "X", quantity: 1 })).status).toBe(404);
    expect((await control("POST", "/ebay/orders/1/cancel")).status).toBe(404);
  });

  it("reset clears shops, counters and stats", async () => {
    await receipts();
    expect((await control("POST", "/reset")).status).toBe(204);
    const stats = (await (await control("GET", "/stats")).json()) as { etsy: { calls: number }; ebay: { calls: number } };
    expect(stats).toEqual({ etsy: { calls: 0, by_operation: {}, rate_limited: 0, renewals: 0, renewals_by_listing: {} }, ebay: { calls: 0, by_operation: {}, rate_limited: 0 } });
    expect(await (await control("GET", "/etsy/shops")).json()).toEqual([]);
  });
});
