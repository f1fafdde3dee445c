import type { Sandbox } from "../context";
import { header, json, type Req, type Res } from "../http";
import { bearer, checkToken } from "../oauth/tokens";
import type { Admission, ApiDefinition, Authentication } from "../pipeline";
import type { OpenApiOperation } from "../spec";
import { nowMs } from "../state";
import { etsyHandlers } from "./handlers";

// Etsy's gateway: every call needs `x-api-key: keystring:shared_secret` (enforced since
// 9 February 2026; github.com/etsy/open-api discussion 1529), is rate limited per API key
// (limits configurable per sandbox, and live through PUT /_control/etsy/limits), and OAuth
// operations need a bearer token with the operation's scopes.

export const etsyError = (status: number, error: string, headers?: Record<string, string>): Res => json(status, { error }, headers);

/** Checks x-api-key; null when it is the registered app's keystring:shared_secret. */
export function etsyApiKeyError(sb: Sandbox, req: Req): Res | null {
  const value = header(req, "x-api-key");
  const { keystring, sharedSecret } = sb.config.etsy;
  if (!value) return etsyError(403, "Missing API key: send x-api-key: keystring:shared_secret.");
  const [key, secret] = value.split(":", 2);
  if (secret === undefined) {
    return etsyError(403, key === keystring ? "Shared secret is required in x-api-key header." : "Invalid API key: should be in the format 'keystring:shared_secret'.");
  }
  if (key !== keystring || secret !== sharedSecret) return etsyError(403, "Invalid API key");
  return null;
}

function admit(sb: Sandbox, req: Req): Admission {
  const keyError = etsyApiKeyError(sb, req);
  if (keyError) return { ok: false, res: keyError };
  const limit = sb.etsyLimiter.take(nowMs(sb.state));
  if (!limit.allowed) {
    const perDay = limit.headers["x-remaining-today"] === "0";
    return {
      ok: false,
      res: etsyError(429, `You have exceeded your quota of: ${perDay ? `${sb.etsyLimiter.perDay} requests per day` : `${sb.etsyLimiter.perSecond} requests per second`}`, limit.headers),
    };
  }
  return { ok: true, headers: limit.headers };
}

function requiredScopes(op: OpenApiOperation): string[] | null {
  const entry = op.security?.find((s) => "oauth2" in s);
  return entry ? (entry.oauth2 ?? []) : null;
}

function authenticate(sb: Sandbox, req: Req, op: OpenApiOperation): Authentication {
  const scopes = requiredScopes(op);
  const token = bearer(header(req, "authorization"));
  if (scopes === null && !token) return { ok: true, subject: null };
  const check = checkToken(sb, "etsy", "access", token);
  if (!check.ok) return { ok: false, res: etsyError(401, "invalid_token") };
  const missing = (scopes ?? []).filter((s) => !check.record.scopes.includes(s));
  if (missing.length) return { ok: false, res: etsyError(403, `insufficient_scope: this call needs ${missing.join(" ")}`) };
  return { ok: true, subject: check.record.subject };
}

export const etsyApi: ApiDefinition = {
  marketplace: "etsy",
  spec: "etsy",
  prefix: "/etsy",
  handlers: etsyHandlers,
  error: (status, message) => etsyError(status, message),
  admit,
  authenticate,
};
