import { createHash, randomBytes } from "node:crypto";

// Test helpers for code that talks to a running sandbox: connect a shop or a seller through
// the real consent pages and token endpoints, as a person clicking "Allow access" would.

export const etsyDefaults = {
  keystring: "sandbox-etsy-key",
  sharedSecret: "sandbox-etsy-secret",
  redirectUri: "http://localhost:3000/api/connections/etsy/callback",
  scopes: ["listings_r", "listings_w", "shops_r", "transactions_r", "email_r"],
};

export const ebayDefaults = {
  clientId: "sandbox-ebay-client",
  clientSecret: "sandbox-ebay-secret",
  ruName: "sandbox-runame",
  scopes: [
    "https://api.ebay.com/oauth/api_scope",
    "https://api.ebay.com/oauth/api_scope/sell.inventory",
    "https://api.ebay.com/oauth/api_scope/sell.fulfillment",
    "https://api.ebay.com/oauth/api_scope/sell.account.readonly",
  ],
};

export const etsyApiKey = `${etsyDefaults.keystring}:${etsyDefaults.sharedSecret}`;

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

export function etsyAuthorizeParams(challenge: string, state = "state-1"): URLSearchParams {
  return new URLSearchParams({
    response_type: "code",
    client_id: etsyDefaults.keystring,
    redirect_uri: etsyDefaults.redirectUri,
    scope: etsyDefaults.scopes.join(" "),
    state,
    code_challenge: challenge,
    code_challenge_method: "S256",
  });
}

/** Posts the consent form; returns the redirect Location. */
export async function submitConsent(url: string, path: string, params: URLSearchParams, account: string, decision: "allow" | "deny" = "allow"): Promise<URL> {
  const form = new URLSearchParams(params);
  form.set("account", account);
  form.set("decision", decision);
  const res = await fetch(`${url}${path}`, { method: "POST", body: form, redirect: "manual" });
  const location = res.headers.get("location");
  if (res.status !== 302 || !location) throw new Error(`consent answered ${res.status}: ${await res.text()}`);
  return new URL(location);
}

export type EtsyTokens = { access_token: string; refresh_token: string; expires_in: number; token_type: string };

export async function etsyTokenCall(url: string, form: Record<string, string>): Promise<Response> {
  return fetch(`${url}/etsy/v3/public/oauth/token`, { method: "POST", headers: { "x-api-key": etsyApiKey }, body: new URLSearchParams(form) });
}

/** Connects an Etsy shop (by owner user id) and returns its tokens. */
export async function connectEtsy(url: string, userId: number): Promise<EtsyTokens> {
  const { verifier, challenge } = pkcePair();
  const location = await submitConsent(url, "/etsy/oauth/connect", etsyAuthorizeParams(challenge), String(userId));
  const code = location.searchParams.get("code") ?? "";
  const res = await etsyTokenCall(url, { grant_type: "authorization_code", client_id: etsyDefaults.keystring, redirect_uri: etsyDefaults.redirectUri, code, code_verifier: verifier });
  if (res.status !== 200) throw new Error(`token exchange answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as EtsyTokens;
}

export function ebayAuthorizeParams(state = "state-1"): URLSearchParams {
  return new URLSearchParams({ client_id: ebayDefaults.clientId, redirect_uri: ebayDefaults.ruName, response_type: "code", scope: ebayDefaults.scopes.join(" "), state });
}

export const ebayBasic = `Basic ${Buffer.from(`${ebayDefaults.clientId}:${ebayDefaults.clientSecret}`).toString("base64")}`;

export type EbayTokens = { access_token: string; refresh_token: string; expires_in: number; refresh_token_expires_in: number; token_type: string };

export async function ebayTokenCall(url: string, form: Record<string, string>, authorization = ebayBasic): Promise<Response> {
  return fetch(`${url}/ebay/identity/v1/oauth2/token`, { method: "POST", headers: { authorization }, body: new URLSearchParams(form) });
}

/** Connects an eBay seller account and returns its tokens. */
export async function connectEbay(url: string, username: string): Promise<EbayTokens> {
  const location = await submitConsent(url, "/ebay/oauth2/authorize", ebayAuthorizeParams(), username);
  const code = location.searchParams.get("code") ?? "";
  const res = await ebayTokenCall(url, { grant_type: "authorization_code", code, redirect_uri: ebayDefaults.ruName });
  if (res.status !== 200) throw new Error(`token exchange answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as EbayTokens;
}

export const shopifyDefaults = {
  apiKey: "sandbox-shopify-key",
  apiSecret: "sandbox-shopify-secret",
  redirectUri: "http://localhost:3000/api/connections/shopify/callback",
  scopes: ["read_products", "read_inventory", "write_inventory", "read_orders", "read_locations", "read_merchant_managed_fulfillment_orders"],
};

/** Installs the app on a Shopify shop (consent page, Allow, code exchange) and returns the offline token. */
export async function connectShopify(url: string, shop: string): Promise<{ access_token: string; scope: string }> {
  const params = new URLSearchParams({ client_id: shopifyDefaults.apiKey, scope: shopifyDefaults.scopes.join(","), redirect_uri: shopifyDefaults.redirectUri, state: "state-1" });
  const location = await submitConsent(url, `/shopify/${shop}/admin/oauth/authorize`, params, shop);
  const res = await fetch(`${url}/shopify/${shop}/admin/oauth/access_token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ client_id: shopifyDefaults.apiKey, client_secret: shopifyDefaults.apiSecret, code: location.searchParams.get("code") }),
  });
  if (res.status !== 200) throw new Error(`token exchange answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as { access_token: string; scope: string };
}
