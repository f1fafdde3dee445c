import type { Sandbox } from "../context";
import { header, json, redirect, type Handler, type Res } from "../http";
import { nowMs } from "../state";
import { errorPage, renderConsent, withParams } from "./consent";
import { checkToken, issueCode, issueToken, lifetimes } from "./tokens";

// eBay OAuth: authorization code grant. redirect_uri is the RuName, which eBay maps to the
// registered accept URL; the token call authenticates the app with HTTP Basic.
// https://developer.ebay.com/api-docs/static/oauth-authorization-code-grant.html

const scopePrefix = "https://api.ebay.com/oauth/api_scope";

type Authorize = { state: string | undefined; scopes: string[] };

function readAuthorize(sb: Sandbox, params: URLSearchParams): { ok: true; value: Authorize } | { ok: false; res: Res } {
  if (params.get("client_id") !== sb.config.ebay.clientId) return { ok: false, res: errorPage(400, "Invalid client", "The client_id is not a registered eBay application.") };
  if (params.get("redirect_uri") !== sb.config.ebay.ruName)
    return { ok: false, res: errorPage(400, "Invalid redirect_uri", "redirect_uri must be the application's RuName (not a URL).") };
  const state = params.get("state") ?? undefined;
  const fail = (error: string, description: string) => ({ ok: false as const, res: redirect(withParams(sb.config.ebay.redirectUrl, { error, error_description: description, state })) });
  if (params.get("response_type") !== "code") return fail("unsupported_response_type", "response_type must be code");
  const scopes = (params.get("scope") ?? "").split(/[\s+]+/).filter(Boolean);
  if (!scopes.length) return fail("invalid_scope", "scope is required");
  if (scopes.some((s) => !s.startsWith(scopePrefix))) return fail("invalid_scope", "The requested scope is invalid, unknown, malformed, or exceeds the scope granted to the client");
  return { ok: true, value: { state, scopes } };
}

export const ebayConsentPage: Handler = (req) => {
  const sb = req.sandbox;
  const read = readAuthorize(sb, req.query);
  if (!read.ok) return read.res;
  return renderConsent({
    marketplace: "eBay",
    appName: "Stockroom",
    scopes: read.value.scopes,
    selectLabel: "Account",
    options: Object.values(sb.state.ebay.sellers).map((s) => ({ value: s.username, label: s.username })),
    hidden: Object.fromEntries(req.query),
    action: "/ebay/oauth2/authorize",
  });
};

export const ebayConsentDecision: Handler = (req) => {
  const sb = req.sandbox;
  const form = new URLSearchParams(req.body);
  const read = readAuthorize(sb, form);
  if (!read.ok) return read.res;
  const { state, scopes } = read.value;
  if (form.get("decision") !== "allow") return redirect(withParams(sb.config.ebay.redirectUrl, { error: "access_denied", error_description: "The user denied access", state }));
  const username = form.get("account") ?? "";
  if (!sb.state.ebay.sellers[username]) return errorPage(400, "Unknown account", "Choose one of the listed accounts.");
  const code = issueCode(sb, { marketplace: "ebay", subject: username, scopes, redirectUri: sb.config.ebay.ruName, codeChallenge: null });
  return redirect(withParams(sb.config.ebay.redirectUrl, { state, code: code.code, expires_in: String(lifetimes.ebay.code) }));
};

const oauthError = (status: number, error: string, description: string): Res => json(status, { error, error_description: description });

function basicClient(sb: Sandbox, authorization: string | undefined): boolean {
  const m = authorization?.match(/^Basic\s+(.+)$/i);
  if (!m) return false;
  const decoded = Buffer.from(m[1], "base64").toString("utf8");
  return decoded === `${sb.config.ebay.clientId}:${sb.config.ebay.clientSecret}`;
}

/** POST /identity/v1/oauth2/token */
export const ebayToken: Handler = (req) => {
  const sb = req.sandbox;
  if (!basicClient(sb, header(req, "authorization"))) return oauthError(401, "invalid_client", "client authentication failed");
  const take = sb.ebayLimiter.take("oauth", nowMs(sb.state));
  if (!take.allowed) return { ...json(429, { error: "too_many_requests", error_description: "Daily limit for this grant type has been reached" }), headers: { "retry-after": String(take.retryAfter) } };
  const form = new URLSearchParams(req.body);
  const grant = form.get("grant_type");
  if (grant === "authorization_code") {
    const code = sb.state.oauth.codes[form.get("code") ?? ""];
    if (!code || code.marketplace !== "ebay" || code.used || code.expiresAt <= nowMs(sb.state))
      return oauthError(400, "invalid_grant", "the provided authorization grant code is invalid or was issued to another client");
    if (form.get("redirect_uri") !== sb.config.ebay.ruName) return oauthError(400, "invalid_grant", "the provided authorization grant code is invalid or was issued to another client");
    code.used = true;
    return json(200, {
      access_token: issueToken(sb, "ebay", "access", code.subject, code.scopes),
      expires_in: lifetimes.ebay.access,
      refresh_token: issueToken(sb, "ebay", "refresh", code.subject, code.scopes),
      refresh_token_expires_in: lifetimes.ebay.refresh,
      token_type: "User Access Token",
    });
  }
  if (grant === "refresh_token") {
    const check = checkToken(sb, "ebay", "refresh", form.get("refresh_token") ?? "");
    if (!check.ok) return oauthError(400, "invalid_grant", "the provided authorization refresh token is invalid or was issued to another client");
    const asked = (form.get("scope") ?? "").split(/[\s+]+/).filter(Boolean);
    if (asked.some((s) => !check.record.scopes.includes(s))) return oauthError(400, "invalid_scope", "The requested scope is invalid, unknown, malformed, or exceeds the scope granted to the client");
    return json(200, {
      access_token: issueToken(sb, "ebay", "access", check.record.subject, asked.length ? asked : check.record.scopes),
      expires_in: lifetimes.ebay.access,
      token_type: "User Access Token",
    });
  }
  if (grant === "client_credentials") {
    return json(200, { access_token: issueToken(sb, "ebay", "access", "", [scopePrefix]), expires_in: lifetimes.ebay.access, token_type: "Application Access Token" });
  }
  return oauthError(400, "unsupported_grant_type", "grant type in request is not supported by the authorization server");
};
