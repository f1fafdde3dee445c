import { createHash, randomBytes } from "node:crypto";
import type { Sandbox } from "../context";
import { nowMs, type AuthCode, type Marketplace, type TokenRecord } from "../state";

// Tokens, codes and their lifetimes. Etsy: access 1 h, refresh 90 days, rotated on
// every refresh. eBay: access 2 h, refresh 18 months, not rotated. Shopify: offline tokens
// that last until the app is uninstalled.

export const lifetimes = {
  etsy: { access: 3600, refresh: 90 * 86_400, code: 600 },
  ebay: { access: 7200, refresh: 47_304_000, code: 299 },
  // Shopify's offline access tokens do not expire (they end when the app is uninstalled);
  // a century stands for never. Shopify issues no refresh token for them.
  shopify: { access: 100 * 365 * 86_400, refresh: 0, code: 600 },
} as const;

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

export function s256(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}

function formatToken(marketplace: Marketplace, subject: string, kind: "access" | "refresh" | "code"): string {
  if (marketplace === "etsy") return `${subject}.${randomToken(kind === "code" ? 48 : 36)}`;
  // Shopify: offline Admin API tokens are shpat_ + 32 hex digits; codes are 32 hex digits.
  if (marketplace === "shopify") return kind === "code" ? randomBytes(16).toString("hex") : `shpat_${randomBytes(16).toString("hex")}`;
  // eBay's tokens and codes are long opaque strings with ^ and # separators (URL-encoded in redirects).
  const prefix = kind === "code" ? "v^1.1#i^1#f^0#p^3#r^1#I^3#t^Ul41" : kind === "refresh" ? "v^1.1#i^1#r^1#p^3#I^3#f^0#t^Ul4x" : "v^1.1#i^1#p^3#I^3#r^0#f^0#t^H4sI";
  return `${prefix}${randomToken(kind === "code" ? 64 : 96)}`;
}

export function issueCode(sb: Sandbox, input: Omit<AuthCode, "code" | "expiresAt" | "used">): AuthCode {
  const code: AuthCode = {
    ...input,
    code: formatToken(input.marketplace, input.subject, "code"),
    expiresAt: nowMs(sb.state) + lifetimes[input.marketplace].code * 1000,
    used: false,
  };
  sb.state.oauth.codes[code.code] = code;
  sb.changed();
  return code;
}

export function issueToken(sb: Sandbox, marketplace: Marketplace, kind: "access" | "refresh", subject: string, scopes: string[]): string {
  const token = formatToken(marketplace, subject, kind);
  const seconds = lifetimes[marketplace][kind];
  sb.state.oauth.tokens[token] = { marketplace, kind, subject, scopes, expiresAt: nowMs(sb.state) + seconds * 1000, revoked: false };
  sb.changed();
  return token;
}

export type TokenCheck = { ok: true; record: TokenRecord } | { ok: false; reason: "missing" | "unknown" | "expired" | "revoked" };

export function checkToken(sb: Sandbox, marketplace: Marketplace, kind: "access" | "refresh", token: string | undefined): TokenCheck {
  if (!token) return { ok: false, reason: "missing" };
  const record = sb.state.oauth.tokens[token];
  if (!record || record.marketplace !== marketplace || record.kind !== kind) return { ok: false, reason: "unknown" };
  if (record.revoked) return { ok: false, reason: "revoked" };
  if (record.expiresAt <= nowMs(sb.state)) return { ok: false, reason: "expired" };
  return { ok: true, record };
}

/** A seller revoking access or changing their password: every token for them stops working. */
export function revokeSubject(sb: Sandbox, marketplace: Marketplace, subject: string): void {
  for (const t of Object.values(sb.state.oauth.tokens)) if (t.marketplace === marketplace && t.subject === subject) t.revoked = true;
  sb.changed();
}

/** The expire_tokens fault: access tokens issued so far are expired; refresh tokens still work. */
export function expireAccessTokens(sb: Sandbox, marketplace: Marketplace): void {
  const now = nowMs(sb.state);
  for (const t of Object.values(sb.state.oauth.tokens)) if (t.marketplace === marketplace && t.kind === "access" && t.expiresAt > now) t.expiresAt = now;
  sb.changed();
}

export function bearer(authorization: string | undefined): string | undefined {
  const m = authorization?.match(/^Bearer\s+(.+)$/i);
  return m?.[1].trim();
}
