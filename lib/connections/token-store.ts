import { open, seal } from "@/lib/crypto/secret-box";
import type { MarketplaceConnection } from "@/db/schema";
import type { Tokens } from "@/lib/marketplaces/types";

// Tokens live only as AES-256-GCM ciphertexts in marketplace_connections.

export function sealedTokenColumns(tokens: Tokens, keepRefresh?: { enc: string | null; expiresAt: Date | null }) {
  const access = seal(tokens.accessToken);
  // eBay does not rotate its refresh token: a refresh answer without one keeps the stored one.
  const refreshEnc = tokens.refreshToken ? seal(tokens.refreshToken).sealed : (keepRefresh?.enc ?? null);
  return {
    accessTokenEnc: access.sealed,
    refreshTokenEnc: refreshEnc,
    tokenKeyId: access.keyId,
    accessExpiresAt: tokens.accessExpiresAt,
    refreshExpiresAt: tokens.refreshToken ? tokens.refreshExpiresAt : (keepRefresh?.expiresAt ?? null),
    scopes: tokens.scopes,
  };
}

export const openAccessToken = (c: Pick<MarketplaceConnection, "accessTokenEnc">) => (c.accessTokenEnc ? open(c.accessTokenEnc) : null);
export const openRefreshToken = (c: Pick<MarketplaceConnection, "refreshTokenEnc">) => (c.refreshTokenEnc ? open(c.refreshTokenEnc) : null);
