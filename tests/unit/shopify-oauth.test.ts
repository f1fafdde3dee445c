import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { installUrl, isShopDomain, queryHmac, shopDomainFromInput, shopifySandboxBase, verifyCallback } from "@/lib/marketplaces/shopify";

// The install flow's checks: the shop domain (the only thing in the URL we send a merchant to),
// and the callback Shopify signs (hex HMAC-SHA256 of the sorted query without hmac).

const app = { apiKey: "key", apiSecret: "hush", apiBase: (shop: string) => `https://${shop}` };
const now = new Date("2026-12-02T00:00:00Z");

function signed(params: Record<string, string>, secret = app.apiSecret): URLSearchParams {
  const q = new URLSearchParams(params);
  q.set("hmac", queryHmac(secret, q));
  return q;
}
const callback = (over: Record<string, string> = {}) => ({ code: "abc123", host: "YWRtaW4", shop: "north.myshopify.com", state: "nonce", timestamp: String(now.getTime() / 1000), ...over });

describe("shop domains", () => {
  it.each([
    ["north.myshopify.com", true],
    ["north-goods-2.myshopify.com", true],
    ["0north.myshopify.com", true],
    ["evil.com", false],
    ["north.myshopify.com.evil.com", false],
    ["evil.com/north.myshopify.com", false],
    ["north.myshopify.com@evil.com", false],
    ["north.myshopify.com/admin", false],
    ["-north.myshopify.com", false],
    ["North.myshopify.com", false],
    ["north.myshopify.com ", false],
    ["north.shopify.com", false],
    ["north.myshopify.com\n.evil.com", false],
    ["", false],
  ])("%j is a shop domain: %s", (value, ok) => {
    expect(isShopDomain(value)).toBe(ok);
  });

  it.each([
    ["north", "north.myshopify.com"],
    [" North.MyShopify.com ", "north.myshopify.com"],
    ["https://north.myshopify.com/", "north.myshopify.com"],
    ["https://evil.com", null],
    ["//evil.com", null],
    ["north.myshopify.com.evil.com", null],
    ["javascript:alert(1)", null],
    ["north.myshopify.com?next=https://evil.com", null],
  ])("the connect form reads %j as %j", (input, domain) => {
    expect(shopDomainFromInput(input)).toBe(domain);
  });
});

describe("install URL", () => {
  it("names the app, the scopes, the redirect and the state, at the shop's own admin", () => {
    const url = new URL(installUrl(app, { shop: "north.myshopify.com", state: "n1", redirectUri: "https://app.example/cb" }));
    expect(url.origin + url.pathname).toBe("https://north.myshopify.com/admin/oauth/authorize");
    expect(Object.fromEntries(url.searchParams)).toEqual({ client_id: "key", scope: "read_products,read_inventory,write_inventory,read_orders,read_locations,read_merchant_managed_fulfillment_orders", redirect_uri: "https://app.example/cb", state: "n1" });
    expect(installUrl({ ...app, apiBase: shopifySandboxBase("http://127.0.0.1:4010/") }, { shop: "north.myshopify.com", state: "n", redirectUri: "x" })).toMatch(/^http:\/\/127\.0\.0\.1:4010\/shopify\/north\.myshopify\.com\/admin\/oauth\/authorize\?/);
  });

  it.each(["evil.com", "north.myshopify.com.evil.com", "north.myshopify.com/../../evil.com", "north.myshopify.com#@evil.com"])("refuses to send a merchant to %j", (shop) => {
    expect(() => installUrl(app, { shop, state: "n", redirectUri: "https://app.example/cb" })).toThrow(/myshopify/);
  });
});

describe("callback verification", () => {
  it("accepts Shopify's signature: hex HMAC-SHA256 of the sorted parameters without hmac", () => {
    const q = signed(callback());
    const expected = createHmac("sha256", "hush").update(`code=abc123&host=YWRtaW4&shop=north.myshopify.com&state=nonce&timestamp=${now.getTime() / 1000}`).digest("hex");
    expect(q.get("hmac")).toBe(expected);
    expect(verifyCallback(app, q, "nonce", now)).toEqual({ ok: true, shop: "north.myshopify.com", code: "abc123" });
  });

  it("refuses a tampered parameter, a signature made with another secret, and no signature", () => {
    const tampered = signed(callback());
    tampered.set("shop", "other.myshopify.com");
    expect(verifyCallback(app, tampered, "nonce", now).ok).toBe(false);
    expect(verifyCallback(app, signed(callback(), "not-the-secret"), "nonce", now).ok).toBe(false);
    const unsigned = new URLSearchParams(callback());
    expect(verifyCallback(app, unsigned, "nonce", now).ok).toBe(false);
    const garbage = signed(callback());
    garbage.set("hmac", "zz");
    expect(verifyCallback(app, garbage, "nonce", now).ok).toBe(false);
  });

  it("refuses a state that is not ours, a shop that is not a myshopify domain, a stale timestamp", () => {
    expect(verifyCallback(app, signed(callback()), "other-nonce", now).ok).toBe(false);
    expect(verifyCallback(app, signed(callback()), "", now).ok).toBe(false);
    expect(verifyCallback(app, signed(callback({ shop: "evil.com" })), "nonce", now)).toMatchObject({ ok: false, reason: expect.stringMatching(/myshopify/) });
    expect(verifyCallback(app, signed(callback({ timestamp: String(now.getTime() / 1000 - 2 * 86_400) })), "nonce", now)).toMatchObject({ ok: false, reason: expect.stringMatching(/too old/) });
  });
});
