import type { Sandbox } from "../context";
import { header, json, parseJson, redirect, type Handler, type Req, type Res } from "../http";
import { etsyApiKeyError } from "../etsy/api";
import { countCall } from "../stats";
import { nowMs } from "../state";
import { errorPage, renderConsent, withParams } from "./consent";
import { checkToken, issueCode, issueToken, lifetimes, s256 } from "./tokens";

// Etsy OAuth 2.0: authorization code with PKCE (S256 only), refresh tokens rotated on
// every refresh. https://developers.etsy.com/documentation/essentials/authentication

const etsyScopes = new Set([
  "address_r", "address_w", "billing_r", "cart_r", "cart_w", "email_r", "favorites_r", "favorites_w", "feedback_r", "listings_d",
  "listings_r", "listings_w", "profile_r", "profile_w", "recommend_r", "recommend_w", "shops_r", "shops_w", "transactions_r", "transactions_w",
]);

type Authorize = { clientId: string; redirectUri: string; scopes: string[]; state: string; challenge: string };

/** Validates the authorize parameters: errors before the redirect URI is trusted are shown, later ones redirected. */
function readAuthorize(sb: Sandbox, params: URLSearchParams): { ok: true; value: Authorize } | { ok: false; res: Res } {
  const clientId = params.get("client_id") ?? "";
  const redirectUri = params.get("redirect_uri") ?? "";
  if (clientId !== sb.config.etsy.keystring) return { ok: false, res: errorPage(400, "Invalid client", "The client_id is not a registered Etsy app.") };
  if (!sb.config.etsy.redirectUris.includes(redirectUri))
    return { ok: false, res: errorPage(400, "Invalid redirect_uri", "The redirect_uri does not match any callback URL registered for this app.") };
  const state = params.get("state") ?? "";
  const fail = (error: string, description: string) => ({ ok: false as const, res: redirect(withParams(redirectUri, { error, error_description: description, state })) });
  if (params.get("response_type") !== "code") return fail("unsupported_response_type", "response_type must be code");
  if (!state) return fail("invalid_request", "state is required");
  const challenge = params.get("code_challenge") ?? "";
  if (!challenge) return fail("invalid_request", "code_challenge is required");
  if (params.get("code_challenge_method") !== "S256") return fail("invalid_request", "code_challenge_method must be S256");
  const scopes = (params.get("scope") ?? "").split(/[\s+]+/).filter(Boolean);
  if (scopes.length === 0) return fail("invalid_scope", "scope is required");
  const unknown = scopes.find((s) => !etsyScopes.has(s));
  if (unknown) return fail("invalid_scope", `unknown scope ${unknown}`);
  return { ok: true, value: { clientId, redirectUri, scopes, state, challenge } };
}

export const etsyConsentPage: Handler = (req) => {
  const sb = req.sandbox;
  const read = readAuthorize(sb, req.query);
  if (!read.ok) return read.res;
  return renderConsent({
    marketplace: "Etsy",
    appName: "Stockroom",
    scopes: read.value.scopes,
    selectLabel: "Shop",
    options: Object.values(sb.state.etsy.shops).map((s) => ({ value: String(s.user_id), label: s.shop_name })),
    hidden: Object.fromEntries(req.query),
    action: "/etsy/oauth/connect",
  });
};

export const etsyConsentDecision: Handler = (req) => {
  const sb = req.sandbox;
  const form = new URLSearchParams(req.body);
  const read = readAuthorize(sb, form);
  if (!read.ok) return read.res;
  const { redirectUri, state, scopes, challenge } = read.value;
  if (form.get("decision") !== "allow") return redirect(withParams(redirectUri, { error: "access_denied", error_description: "The user denied access", state }));
  const userId = form.get("account") ?? "";
  if (!Object.values(sb.state.etsy.shops).some((s) => String(s.user_id) === userId)) return errorPage(400, "Unknown shop", "Choose one of the listed shops.");
  const code = issueCode(sb, { marketplace: "etsy", subject: userId, scopes, redirectUri, codeChallenge: challenge });
  return redirect(withParams(redirectUri, { code: code.code, state }));
};

const oauthError = (status: number, error: string, description: string): Res => json(status, { error, error_description: description });

function tokenResponse(sb: Sandbox, subject: string, scopes: string[]): Res {
  return json(200, {
    access_token: issueToken(sb, "etsy", "access", subject, scopes),
    token_type: "Bearer",
    expires_in: lifetimes.etsy.access,
    refresh_token: issueToken(sb, "etsy", "refresh", subject, scopes),
  });
}

/** The token request's parameters: form encoded (the docs) or JSON (Etsy's Quick Start sends JSON). */
function tokenParams(req: Req): URLSearchParams | Res {
  if (!(header(req, "content-type") ?? "").includes("application/json")) return new URLSearchParams(req.body);
  const parsed = parseJson(req.body);
  if (!parsed.ok) return oauthError(400, "invalid_request", parsed.message);
  if (typeof parsed.value !== "object" || parsed.value === null || Array.isArray(parsed.value)) return oauthError(400, "invalid_request", "The body must be a JSON object.");
  return new URLSearchParams(Object.entries(parsed.value).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
}

/**
 * POST /v3/public/oauth/token. Whether Etsy wants the shared secret on this call is not
 * documented either way, so a missing x-api-key or a bare keystring passes; a
 * keystring:secret pair that is sent must still be right.
 */
export const etsyToken: Handler = (req: Req) => {
  const sb = req.sandbox;
  countCall(sb.stats, "etsy", "oauthToken");
  if ((header(req, "x-api-key") ?? "").includes(":")) {
    const keyError = etsyApiKeyError(sb, req);
    if (keyError) return keyError;
  }
  const form = tokenParams(req);
  if (!(form instanceof URLSearchParams)) return form;
  const grant = form.get("grant_type");
  if (form.get("client_id") !== sb.config.etsy.keystring) return oauthError(401, "invalid_client", "client_id is not a registered Etsy app");
  if (grant === "authorization_code") {
    const code = sb.state.oauth.codes[form.get("code") ?? ""];
    if (!code || code.marketplace !== "etsy") return oauthError(400, "invalid_grant", "code is invalid");
    if (code.used) return oauthError(400, "invalid_grant", "code has already been used");
    if (code.expiresAt <= nowMs(sb.state)) return oauthError(400, "invalid_grant", "code has expired");
    if (form.get("redirect_uri") !== code.redirectUri) return oauthError(400, "invalid_grant", "redirect_uri does not match the authorization request");
    const verifier = form.get("code_verifier");
    if (!verifier) return oauthError(400, "invalid_request", "code_verifier is required");
    if (s256(verifier) !== code.codeChallenge) return oauthError(400, "invalid_grant", "code_verifier is invalid");
    code.used = true;
    return tokenResponse(sb, code.subject, code.scopes);
  }
  if (grant === "refresh_token") {
    const old = form.get("refresh_token") ?? "";
    const check = checkToken(sb, "etsy", "refresh", old);
    if (!check.ok) return oauthError(400, "invalid_grant", check.reason === "revoked" ? "refresh_token is revoked" : check.reason === "expired" ? "refresh_token is expired" : "refresh_token is invalid");
    // Rotation: the refresh token just used stops working.
    check.record.revoked = true;
    return tokenResponse(sb, check.record.subject, check.record.scopes);
  }
  return oauthError(400, "unsupported_grant_type", "grant_type must be authorization_code or refresh_token");
};
