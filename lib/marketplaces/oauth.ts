import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { Marketplace } from "@/db/schema";
import { AuthExpired, Invalid } from "@/lib/errors";
import { marketplaceFetch } from "./http";
import type { Tokens } from "./types";

// OAuth 2.0 token endpoint calls shared by both marketplaces. The token endpoints are
// not part of the official OpenAPI files, so the response is validated with zod.

const tokenResponse = z.object({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().int().positive(),
  refresh_token: z.string().min(1).optional(),
  refresh_token_expires_in: z.coerce.number().int().positive().optional(),
  scope: z.string().optional(),
});

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(48).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  return { verifier, challenge };
}

export async function requestTokens(input: {
  marketplace: Marketplace;
  url: string;
  form: Record<string, string>;
  headers: Record<string, string>;
  grant: "code" | "refresh";
  requestedScopes: string[];
  /** Refresh token lifetime when the endpoint does not state one (Etsy: 90 days). */
  defaultRefreshTtlSeconds: number | null;
}): Promise<Tokens> {
  const fetcher = marketplaceFetch({ marketplace: input.marketplace, budget: null, maxRetries: 2, timeoutMs: 10_000 });
  const request = new Request(input.url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json", ...input.headers },
    body: new URLSearchParams(input.form).toString(),
  });
  let response: Response;
  try {
    response = await fetcher(request);
  } catch (err) {
    // invalid_grant on a refresh means the seller revoked us or the token expired: reconnect.
    if (input.grant === "refresh" && err instanceof Invalid) throw new AuthExpired(`${err.message} Reconnect the shop.`);
    throw err;
  }
  const parsed = tokenResponse.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw new Invalid("The marketplace answered the token request with something unexpected. Try connecting again.");
  const t = parsed.data;
  const now = Date.now();
  const refreshTtl = t.refresh_token_expires_in ?? (t.refresh_token ? input.defaultRefreshTtlSeconds : null);
  return {
    accessToken: t.access_token,
    refreshToken: t.refresh_token ?? null,
    accessExpiresAt: new Date(now + t.expires_in * 1000),
    refreshExpiresAt: refreshTtl ? new Date(now + refreshTtl * 1000) : null,
    scopes: t.scope ? t.scope.split(/[\s,]+/).filter(Boolean) : input.requestedScopes,
  };
}
