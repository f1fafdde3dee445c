import { createHmac } from "node:crypto";
import type { Sandbox } from "../context";
import { header, html, json, parseJson, redirect, type Handler, type Req, type Res } from "../http";
import { errorPage, renderConsent, withParams } from "../oauth/consent";
import { issueCode, issueToken } from "../oauth/tokens";
import { countCall } from "../stats";
import { nowMs, nowSec } from "../state";
import { shopifyState, type ShopifyShop } from "./store";

// Shopify's authorization code grant (shopify.dev/docs/apps/build/authentication-authorization/
// access-tokens/authorization-code-grant): the merchant approves the scopes on
// https://{shop}/admin/oauth/authorize, Shopify redirects to the app with code, hmac, host,
// shop, state and timestamp (hmac = hex HMAC-SHA256 of the other parameters sorted and
// joined as a query string, keyed with the client secret), and the app exchanges the code at
// https://{shop}/admin/oauth/access_token for an offline token. Here {shop} is a path segment:
// /shopify/{shop}/admin/oauth/...

const shopifyScopes = new Set(
  ["products", "inventory", "orders", "locations", "customers", "fulfillments", "merchant_managed_fulfillment_orders", "shipping", "draft_orders", "price_rules", "discounts"].flatMap((s) => [`read_${s}`, `write_${s}`]),
);

/** Hex HMAC-SHA256 over `key=value` pairs sorted by key and joined with &, the hmac parameter left out. */
export function signQuery(secret: string, params: Record<string, string>): string {
  const message = Object.keys(params)
    .filter((k) => k !== "hmac" && k !== "signature")
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join("&");
  return createHmac("sha256", secret).update(message).digest("hex");
}

type Authorize = { shop: ShopifyShop; redirectUri: string; scopes: string[]; state: string };

function readAuthorize(sb: Sandbox, req: Req, params: URLSearchParams): { ok: true; value: Authorize } | { ok: false; res: Res } {
  const shop = shopifyState(sb.state).shops[req.params.shop ?? ""];
  if (!shop) return { ok: false, res: errorPage(404, "Store not found", "There is no store at this address. Check the shop domain.") };
  if (params.get("client_id") !== sb.config.shopify.apiKey) return { ok: false, res: errorPage(400, "Oauth error invalid_request", "The client_id is not a registered Shopify app.") };
  const redirectUri = params.get("redirect_uri") ?? "";
  if (!sb.config.shopify.redirectUris.includes(redirectUri))
    return { ok: false, res: errorPage(400, "Oauth error invalid_request", "The redirect_uri is not whitelisted: add it to the app's allowed redirection URLs.") };
  const scopes = (params.get("scope") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const unknown = scopes.find((s) => !shopifyScopes.has(s));
  if (unknown) return { ok: false, res: errorPage(400, "Oauth error invalid_scope", `The scope ${unknown} is not a valid access scope.`) };
  const state = params.get("state") ?? "";
  if (!state) return { ok: false, res: errorPage(400, "Oauth error invalid_request", "The state (nonce) parameter is required.") };
  return { ok: true, value: { shop, redirectUri, scopes, state } };
}

export const shopifyConsentPage: Handler = (req) => {
  const read = readAuthorize(req.sandbox, req, req.query);
  if (!read.ok) return read.res;
  const { shop, scopes } = read.value;
  return renderConsent({
    marketplace: "Shopify",
    appName: "Stockroom",
    scopes,
    selectLabel: "Shop",
    options: [{ value: shop.domain, label: `${shop.name} (${shop.domain})` }],
    hidden: Object.fromEntries(req.query),
    action: `/shopify/${shop.domain}/admin/oauth/authorize`,
  });
};

export const shopifyConsentDecision: Handler = (req) => {
  const sb = req.sandbox;
  const form = new URLSearchParams(req.body);
  const read = readAuthorize(sb, req, form);
  if (!read.ok) return read.res;
  const { shop, redirectUri, scopes, state } = read.value;
  // Shopify has no "denied" redirect: the merchant simply does not install.
  if (form.get("decision") !== "allow") return html(200, "<!doctype html><title>Not installed</title><p>The app was not installed.</p>");
  const code = issueCode(sb, { marketplace: "shopify", subject: shop.domain, scopes, redirectUri, codeChallenge: null });
  const params: Record<string, string> = {
    code: code.code,
    host: Buffer.from(`admin.shopify.com/store/${shop.domain.replace(/\.myshopify\.com$/, "")}`).toString("base64url"),
    shop: shop.domain,
    state,
    timestamp: String(nowSec(sb.state)),
  };
  return redirect(withParams(redirectUri, { ...params, hmac: signQuery(sb.config.shopify.apiSecret, params) }));
};

const oauthError = (status: number, error: string, description: string): Res => json(status, { error, error_description: description });

function tokenParams(req: Req): URLSearchParams | Res {
  if (!(header(req, "content-type") ?? "").includes("application/json")) return new URLSearchParams(req.body);
  const parsed = parseJson(req.body);
  if (!parsed.ok || typeof parsed.value !== "object" || parsed.value === null) return oauthError(400, "invalid_request", "The body must be a JSON object.");
  return new URLSearchParams(Object.entries(parsed.value).map(([k, v]) => [k, String(v)]));
}

/** POST /shopify/{shop}/admin/oauth/access_token: code -> offline access token (no expiry, no refresh token). */
export const shopifyAccessToken: Handler = (req) => {
  const sb = req.sandbox;
  countCall(sb.stats, "shopify", "oauthAccessToken");
  const shop = shopifyState(sb.state).shops[req.params.shop ?? ""];
  if (!shop) return json(404, { errors: "Not Found" });
  const form = tokenParams(req);
  if (!(form instanceof URLSearchParams)) return form;
  if (form.get("client_id") !== sb.config.shopify.apiKey || form.get("client_secret") !== sb.config.shopify.apiSecret)
    return oauthError(400, "invalid_client", "Client credentials are invalid.");
  const code = sb.state.oauth.codes[form.get("code") ?? ""];
  if (!code || code.marketplace !== "shopify" || code.subject !== shop.domain || code.used || code.expiresAt <= nowMs(sb.state))
    return oauthError(400, "invalid_request", "The authorization code was not found or was already used.");
  code.used = true;
  return json(200, { access_token: issueToken(sb, "shopify", "access", shop.domain, code.scopes), scope: code.scopes.join(",") });
};
