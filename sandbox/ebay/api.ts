import type { EbayApi } from "../config";
import type { Sandbox } from "../context";
import { header, json, type Req, type Res } from "../http";
import { bearer, checkToken } from "../oauth/tokens";
import type { Admission, ApiDefinition, Authentication, ApiHandler } from "../pipeline";
import type { SpecName } from "../spec";
import { nowMs } from "../state";

// eBay's gateway: a user access token on every Sell API call, per-app daily call limits
// per API, and errors as { errors: [{ errorId, domain, category, message }] }.

type ErrorDefaults = { domain: string; byStatus: Record<number, number> };

const apiErrors: Record<"inventory" | "fulfillment" | "identity" | "notification", ErrorDefaults> = {
  inventory: { domain: "API_INVENTORY", byStatus: { 400: 25709, 404: 25710, 409: 25709, 500: 25001, 501: 25001, 504: 25001 } },
  fulfillment: { domain: "API_FULFILLMENT", byStatus: { 400: 30800, 404: 32100, 500: 30500, 501: 30500, 504: 30500 } },
  identity: { domain: "API_IDENTITY", byStatus: { 400: 2004, 404: 2004, 500: 10001, 501: 10001, 504: 10001 } },
  notification: { domain: "API_NOTIFICATION", byStatus: { 400: 195000, 404: 195001, 500: 195000, 501: 195000, 504: 195000 } },
};

export function ebayErrorBody(errorId: number, domain: string, category: "REQUEST" | "APPLICATION", message: string, longMessage?: string) {
  return { errors: [{ errorId, domain, category, message, ...(longMessage ? { longMessage } : {}) }] };
}

export function ebayError(api: keyof typeof apiErrors, status: number, message: string, errorId?: number): Res {
  if (status === 401) return json(401, ebayErrorBody(1001, "OAuth", "REQUEST", message));
  if (status === 429) return json(429, ebayErrorBody(2001, "ACCESS", "REQUEST", message));
  const d = apiErrors[api];
  return json(status, ebayErrorBody(errorId ?? d.byStatus[status] ?? 2004, d.domain, status >= 500 ? "APPLICATION" : "REQUEST", message));
}

export function ebayAdmit(api: EbayApi) {
  return (sb: Sandbox): Admission => {
    const take = sb.ebayLimiter.take(api, nowMs(sb.state));
    if (take.allowed) return { ok: true, headers: {} };
    const res = ebayError("inventory", 429, "Too many requests. The request limit has been reached for the resource.");
    return { ok: false, res: { ...res, headers: { "retry-after": String(take.retryAfter) } } };
  };
}

/** A user token (or, when allowed, an application token) in Authorization: Bearer. */
export function ebayAuthenticate(sb: Sandbox, req: Req, allowApplicationToken = false): Authentication {
  const check = checkToken(sb, "ebay", "access", bearer(header(req, "authorization")));
  if (!check.ok) {
    // eBay's exact body: the short `message` ("Invalid access token") is what widely used
    // clients match to decide to refresh; the explanation goes in `longMessage`.
    const body =
      check.reason === "missing"
        ? ebayErrorBody(1002, "OAuth", "REQUEST", "Missing access token", "Access token is missing in the Authorization HTTP request header.")
        : ebayErrorBody(1001, "OAuth", "REQUEST", "Invalid access token", "Invalid access token. Check the value of the Authorization HTTP request header.");
    return { ok: false, res: json(401, body) };
  }
  if (check.record.subject === "" && !allowApplicationToken)
    return { ok: false, res: json(403, ebayErrorBody(1100, "ACCESS", "REQUEST", "Access denied: this call needs a user access token.")) };
  return { ok: true, subject: check.record.subject };
}

export function ebaySellApi(api: "inventory" | "fulfillment", spec: SpecName, prefix: string, handlers: Record<string, ApiHandler>): ApiDefinition {
  return {
    marketplace: "ebay",
    spec,
    prefix,
    handlers,
    error: (status, message) => ebayError(api, status, message),
    admit: ebayAdmit(api),
    authenticate: (sb, req) => ebayAuthenticate(sb, req),
  };
}
