import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { AuthExpired, Invalid, Unavailable } from "@/lib/errors";
import type { Tokens } from "../types";
import { isShopDomain } from "./shop-domain";
import { SHOPIFY_SCOPES } from "./version";

// Shopify's authorization code grant for an offline token: send the merchant to their shop's
// /admin/oauth/authorize, verify the redirect back (hmac over the other query parameters,
// state, shop domain), exchange the code at the shop's /admin/oauth/access_token.
// shopify.dev/docs/apps/build/authentication-authorization/access-tokens/authorization-code-grant

export type ShopifyApp = { apiKey: string; apiSecret: string; apiBase: (shop: string) => string };

/** The install (consent) URL for a shop; `state` is the nonce the callback must bring back. */
export function installUrl(app: ShopifyApp, input: { shop: string; state: string; redirectUri: string }): string {
  if (!isShopDomain(input.shop)) throw new Invalid("Enter your store's myshopify.com address (for example northwind.myshopify.com).", { shop: "Not a myshopify.com domain." });
  const url = new URL(`${app.apiBase(input.shop)}/admin/oauth/authorize`);
  // No grant_options[]=per-user: an offline token, which keeps working when the installing staff member leaves.
  url.search = new URLSearchParams({ client_id: app.apiKey, scope: SHOPIFY_SCOPES.join(","), redirect_uri: input.redirectUri, state: input.state }).toString();
  return url.toString();
}

/** Hex HMAC-SHA256 of the query's other parameters, sorted by name and joined as `k=v&k=v`. */
export function queryHmac(secret: string, params: URLSearchParams): string {
  const message = [...params.entries()]
    .filter(([k]) => k !== "hmac" && k !== "signature")
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
  return createHmac("sha256", secret).update(message).digest("hex");
}

/** Constant-time comparison of two strings (false, not an exception, when lengths differ). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}

export type CallbackCheck = { ok: true; shop: string; code: string } | { ok: false; reason: string };

/** Shopify signs the redirect with a timestamp; an old one is a replay. */
const MAX_AGE_SECONDS = 24 * 3600;

export function verifyCallback(app: Pick<ShopifyApp, "apiSecret">, query: URLSearchParams, expectedState: string, now: Date = new Date()): CallbackCheck {
  const hmac = query.get("hmac") ?? "";
  if (!/^[0-9a-f]{64}$/.test(hmac) || !safeEqual(hmac, queryHmac(app.apiSecret, query))) return { ok: false, reason: "The answer from Shopify is not signed by Shopify. Start connecting again." };
  const state = query.get("state") ?? "";
  if (!expectedState || !safeEqual(state, expectedState)) return { ok: false, reason: "This connection attempt expired or was started elsewhere. Start connecting again." };
  const shop = query.get("shop") ?? "";
  if (!isShopDomain(shop)) return { ok: false, reason: "Shopify named a store address that is not a myshopify.com domain." };
  const timestamp = Number(query.get("timestamp"));
  if (!Number.isFinite(timestamp) || Math.abs(now.getTime() / 1000 - timestamp) > MAX_AGE_SECONDS) return { ok: false, reason: "The answer from Shopify is too old. Start connecting again." };
  const code = query.get("code") ?? "";
  if (!code) return { ok: false, reason: "Shopify sent no authorization code. Start connecting again." };
  return { ok: true, shop, code };
}

const tokenResponse = z.object({ access_token: z.string().min(1), scope: z.string() });

/** Offline tokens do not expire (they end when the app is uninstalled): a century stands for never. */
const NEVER_MS = 100 * 365 * 24 * 3600 * 1000;

export async function exchangeCode(app: ShopifyApp, input: { shop: string; code: string }): Promise<Tokens> {
  if (!isShopDomain(input.shop)) throw new Invalid("Shopify named a store address that is not a myshopify.com domain.");
  let response: Response;
  try {
    response = await fetch(`${app.apiBase(input.shop)}/admin/oauth/access_token`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ client_id: app.apiKey, client_secret: app.apiSecret, code: input.code }),
      signal: AbortSignal.timeout(10_000),
      redirect: "manual",
    });
  } catch {
    throw new Unavailable("Shopify could not be reached to finish connecting. Try again shortly.");
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.status >= 500) throw new Unavailable(`Shopify had a problem finishing the connection (HTTP ${response.status}). Try again shortly.`);
  if (!response.ok) throw new AuthExpired("Shopify refused the authorization code (it may have been used already). Start connecting again.");
  const parsed = tokenResponse.safeParse(body);
  if (!parsed.success) throw new Invalid("Shopify answered the token request with something unexpected. Start connecting again.");
  const scopes = parsed.data.scope.split(",").map((s) => s.trim()).filter(Boolean);
  const missing = SHOPIFY_SCOPES.filter((s) => !scopes.includes(s) && !scopes.includes(s.replace(/^read_/, "write_")));
  if (missing.length) throw new Invalid(`The store granted fewer permissions than Stockroom needs (missing ${missing.join(", ")}). Connect again and allow them.`);
  return { accessToken: parsed.data.access_token, refreshToken: null, accessExpiresAt: new Date(Date.now() + NEVER_MS), refreshExpiresAt: null, scopes };
}
