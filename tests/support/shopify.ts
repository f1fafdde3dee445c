import { startSandbox, type RunningSandbox } from "@/sandbox/app";
import type { SandboxConfigInput } from "@/sandbox/config";
import { shopifyDefaults } from "@/sandbox/testing";
import { createShopifyAdapter, shopifySandboxBase, type ShopifyAdapter, type ShopifyConnectionSettings } from "@/lib/marketplaces/shopify";
import type { ApiSession } from "@/lib/marketplaces/types";

// A Shopify sandbox in-process and the adapter pointed at it, connected the way a merchant
// connects: install URL, consent page, Allow, callback verified, code exchanged.

export type ShopifyFixture = {
  sb: RunningSandbox;
  adapter: ShopifyAdapter;
  settings: Map<string, ShopifyConnectionSettings>;
  control: <T = unknown>(method: string, path: string, body?: unknown) => Promise<T>;
  connect: (shop: string) => Promise<ApiSession & { calls: string[] }>;
};

/** The cost bucket is effectively unlimited unless a test sets `shopify.bucketSize` (the throttle tests do). */
export async function startShopifyFixture(config: SandboxConfigInput = {}): Promise<ShopifyFixture> {
  const sb = await startSandbox({ port: 0, config: { ...config, shopify: { bucketSize: 1_000_000, restorePerSecond: 1_000_000, ...config.shopify } } });
  const settings = new Map<string, ShopifyConnectionSettings>();
  const adapter = createShopifyAdapter({
    apiKey: shopifyDefaults.apiKey,
    apiSecret: shopifyDefaults.apiSecret,
    apiBase: shopifySandboxBase(sb.url),
    policy: { baseDelayMs: 10, timeoutMs: 2_000 },
    settings: async (session) => settings.get(session.externalId) ?? { locationId: null },
  });
  const control = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${sb.url}/_control${path}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  };
  const connect = async (shop: string) => {
    const { url } = adapter.authorizeUrl({ shop, state: "nonce-123", redirectUri: shopifyDefaults.redirectUri });
    const consent = await fetch(url);
    if (consent.status !== 200) throw new Error(`consent page answered ${consent.status}`);
    const target = new URL(url);
    const form = new URLSearchParams(target.searchParams);
    form.set("account", shop);
    form.set("decision", "allow");
    const decided = await fetch(`${target.origin}${target.pathname}`, { method: "POST", body: form, redirect: "manual" });
    const callback = new URL(decided.headers.get("location") ?? "");
    const checked = adapter.verifyCallback(callback.searchParams, "nonce-123");
    if (!checked.ok) throw new Error(checked.reason);
    const tokens = await adapter.exchangeCode({ shop: checked.shop, code: checked.code });
    const calls: string[] = [];
    return {
      connectionId: `conn-${shop}`,
      externalId: checked.shop,
      externalUserId: null,
      accessToken: async () => tokens.accessToken,
      refreshAccessToken: async () => {
        throw new Error("Shopify tokens are not refreshed");
      },
      onCall: (op: string) => calls.push(op),
      calls,
    };
  };
  return { sb, adapter, settings, control, connect };
}
