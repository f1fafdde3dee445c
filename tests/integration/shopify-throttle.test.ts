import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createShopifyAdapter, shopifySandboxBase } from "@/lib/marketplaces/shopify";
import type { ApiSession } from "@/lib/marketplaces/types";
import { shopifyDefaults } from "@/sandbox/testing";
import { startShopifyFixture, type ShopifyFixture } from "../support/shopify";

// The cost throttle end to end: the sandbox's bucket is 1,000 points restoring 500 a second
// (Shopify's standard plan is 2,000 and 100, scaled down to keep the test short), and one
// ProductsPage query asks for 692. The client waits for a query's cost to fit before sending
// it, and a THROTTLED answer (the query was not run) is waited out and sent again.

const SHOP = "busy-shop.myshopify.com";
const PRODUCTS_PAGE_COST = 2 + 30 * (1 + 2 + 5 * 4);
let fx: ShopifyFixture;
let session: ApiSession;

beforeAll(async () => {
  fx = await startShopifyFixture({ shopify: { bucketSize: 1_000, restorePerSecond: 500 } });
});
afterAll(() => fx.sb.close());

beforeEach(async () => {
  await fx.control("POST", "/reset");
  await fx.control("POST", "/shopify/shops", { domain: SHOP, products: [{ title: "Mug", variants: [{ sku: "MUG", quantity: 3 }] }] });
  session = await fx.connect(SHOP);
  // Let the bucket fill again after connecting, and the client's estimate with it.
  await new Promise((r) => setTimeout(r, 500));
});

type Stats = { shopify: { throttled: number; cost_points: number; by_operation: Record<string, number> } };
const stats = () => fx.control<Stats>("GET", "/stats");

describe("Shopify cost throttle", () => {
  it("a burst of queries waits for the bucket instead of being refused", async () => {
    const started = Date.now();
    for (let i = 0; i < 3; i++) await fx.adapter.fetchListings(session, null);
    const elapsed = Date.now() - started;
    const s = await stats();
    expect(s.shopify.by_operation.ProductsPage).toBe(3);
    expect(s.shopify.throttled).toBe(0);
    // 1,000 points: the first fits, the next two each wait for about 384 and 692 points.
    expect(elapsed).toBeGreaterThan(((2 * PRODUCTS_PAGE_COST - (1_000 - PRODUCTS_PAGE_COST)) / 500) * 1000 * 0.8);
  });

  it("queries sent together are refused as THROTTLED, waited out and sent again", async () => {
    const pages = await Promise.all(Array.from({ length: 3 }, () => fx.adapter.fetchListings(session, null)));
    for (const p of pages) expect(p.items[0].items[0]).toMatchObject({ sku: "MUG", quantity: 3 });
    const s = await stats();
    expect(s.shopify.throttled).toBeGreaterThan(0);
    // Refused queries cost nothing: only the three that ran were charged (and the primary-location lookup, 1 point, if not cached).
    expect(s.shopify.by_operation.ProductsPage).toBeGreaterThan(3);
    expect(s.shopify.cost_points).toBeGreaterThanOrEqual(3 * PRODUCTS_PAGE_COST);
    expect(s.shopify.cost_points).toBeLessThanOrEqual(3 * PRODUCTS_PAGE_COST + 3);
  });

  it("the rate_limit fault answers THROTTLED, and the client retries", async () => {
    await fx.control("POST", "/faults", { marketplace: "shopify", kind: "rate_limit", count: 2 });
    const page = await fx.adapter.fetchListings(session, null);
    expect(page.items).toHaveLength(1);
    expect((await stats()).shopify.throttled).toBe(2);
  });

  it("a server error is retried, and a wait longer than the caller allows is RateLimited", async () => {
    await fx.control("POST", "/faults", { marketplace: "shopify", kind: "server_error", count: 1 });
    expect((await fx.adapter.fetchListings(session, null)).items).toHaveLength(1);
    const impatient = createShopifyAdapter({ apiKey: shopifyDefaults.apiKey, apiSecret: shopifyDefaults.apiSecret, apiBase: shopifySandboxBase(fx.sb.url), policy: { maxWaitMs: 50 } });
    await fx.control("POST", "/faults", { marketplace: "shopify", kind: "rate_limit", count: 1 });
    await expect(impatient.fetchListings(session, null)).rejects.toMatchObject({ code: "rate_limited" });
  });
});
