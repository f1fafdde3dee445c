import { createHash } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { db, type Tx } from "@/db/client";
import { marketplaceConnections, memberships, users, type MarketplaceConnection } from "@/db/schema";
import { deliverEmailsSoon, enqueueEmail } from "@/lib/email";
import { env } from "@/lib/env";
import { AuthExpired, NotFound } from "@/lib/errors";
import { marketplaceLabel } from "@/lib/marketplaces/meta";
import { adapterFor, marketplaceDescriptor } from "@/lib/marketplaces/registry";
import type { ApiSession } from "@/lib/marketplaces/types";
import { openAccessToken, openRefreshToken, sealedTokenColumns } from "./token-store";

// Access tokens are refreshed shortly before they expire and after a 401, once per
// connection at a time: concurrent callers in this process share one promise, and a
// row lock makes callers in other processes wait and reuse the token it produced.
// Etsy rotates the refresh token on every refresh, so the new one is written in the
// same transaction that holds the lock, before anyone else can refresh.

export const REFRESH_MARGIN_MS = 5 * 60 * 1000;
const RECONNECT_STATUSES = new Set(["needs_reconnect", "disabled"]);

type Fresh = { token: string; enc: string; expiresAt: Date | null };
const inflight = new Map<string, Promise<Fresh>>();

/** The ApiSession adapters use for one connection. `onCall` counts calls for the current sync run. */
export function sessionFor(connection: MarketplaceConnection, onCall?: (operation: string) => void): ApiSession {
  let current: Fresh | null = connection.accessTokenEnc
    ? { token: openAccessToken(connection) ?? "", enc: connection.accessTokenEnc, expiresAt: connection.accessExpiresAt }
    : null;

  const refresh = async (stale: string | null) => {
    current = await refreshSingleFlight(connection.id, stale);
    return current.token;
  };

  return {
    connectionId: connection.id,
    externalId: connection.externalId,
    externalUserId: connection.externalUserId,
    onCall,
    accessToken: async () => {
      if (RECONNECT_STATUSES.has(connection.status)) throw reconnectError(connection);
      if (current && !nearExpiry(current.expiresAt)) return current.token;
      return refresh(null);
    },
    refreshAccessToken: () => refresh(current?.enc ?? null),
    onAuthRejected: (message) => markNeedsReconnect(connection.id, message),
    ...marketplaceDescriptor(connection.marketplace).sessionExtras?.(connection),
  };
}

function refreshSingleFlight(connectionId: string, staleEnc: string | null): Promise<Fresh> {
  let pending = inflight.get(connectionId);
  if (!pending) {
    pending = refreshConnectionToken(connectionId, staleEnc).finally(() => inflight.delete(connectionId));
    inflight.set(connectionId, pending);
  }
  return pending;
}

const nearExpiry = (at: Date | null) => !at || at.getTime() - Date.now() < REFRESH_MARGIN_MS;

/**
 * Refreshes under the connection's row lock. `staleEnc` is the token that was refused
 * (401), or null for a refresh before expiry; if another process already replaced it,
 * its fresh token is used instead of refreshing again.
 */
export async function refreshConnectionToken(connectionId: string, staleEnc: string | null): Promise<Fresh> {
  const outcome = await db.transaction(async (tx): Promise<Fresh | { revoked: string }> => {
    const [row] = await tx.select().from(marketplaceConnections).where(eq(marketplaceConnections.id, connectionId)).for("update");
    if (!row) throw new NotFound("That connection no longer exists.");
    if (RECONNECT_STATUSES.has(row.status)) throw reconnectError(row);
    const replaced = staleEnc === null || row.accessTokenEnc !== staleEnc;
    if (row.accessTokenEnc && replaced && !nearExpiry(row.accessExpiresAt)) {
      return { token: openAccessToken(row) ?? "", enc: row.accessTokenEnc, expiresAt: row.accessExpiresAt };
    }
    const refreshToken = openRefreshToken(row);
    if (!refreshToken) {
      await moveToNeedsReconnect(tx, row, "We have no refresh token for this shop.");
      return { revoked: reconnectError(row).message };
    }
    try {
      const tokens = await adapterFor(row.marketplace).refresh(refreshToken, row.scopes);
      const columns = sealedTokenColumns(tokens, { enc: row.refreshTokenEnc, expiresAt: row.refreshExpiresAt });
      await tx.update(marketplaceConnections).set({ ...columns, updatedAt: new Date() }).where(eq(marketplaceConnections.id, row.id));
      return { token: tokens.accessToken, enc: columns.accessTokenEnc, expiresAt: columns.accessExpiresAt };
    } catch (err) {
      if (!(err instanceof AuthExpired)) throw err;
      await moveToNeedsReconnect(tx, row, err.message);
      return { revoked: err.message };
    }
  });
  if ("revoked" in outcome) {
    deliverEmailsSoon();
    throw new AuthExpired(outcome.revoked);
  }
  return outcome;
}

/** The marketplace refused us for good: stop syncing, show Reconnect, email the owners once. */
export async function markNeedsReconnect(connectionId: string, reason: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(marketplaceConnections).where(eq(marketplaceConnections.id, connectionId)).for("update");
    if (row && row.status !== "disabled") await moveToNeedsReconnect(tx, row, reason);
  });
  deliverEmailsSoon();
}

async function moveToNeedsReconnect(tx: Tx, row: MarketplaceConnection, reason: string): Promise<void> {
  const now = new Date();
  await tx
    .update(marketplaceConnections)
    .set({ status: "needs_reconnect", lastError: reconnectError(row).message, lastErrorAt: now, reconnectEmailedAt: row.reconnectEmailedAt ?? now, updatedAt: now })
    .where(eq(marketplaceConnections.id, row.id));
  if (row.reconnectEmailedAt) return;
  const owners = await tx
    .select({ id: users.id, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, row.orgId), inArray(memberships.role, ["owner"])));
  // The refused refresh token names this episode: a later reconnect and loss emails again.
  const episode = createHash("sha256").update(row.refreshTokenEnc ?? row.id).digest("hex").slice(0, 16);
  for (const owner of owners) {
    await enqueueEmail(tx, {
      orgId: row.orgId,
      to: owner.email,
      template: "connection-needs-reconnect",
      props: { shopName: row.name, marketplace: marketplaceLabel(row.marketplace), reason, url: `${env().APP_URL}/connections` },
      dedupeKey: `connection-reconnect:${row.id}:${episode}:${owner.id}`,
    });
  }
}

function reconnectError(row: Pick<MarketplaceConnection, "marketplace" | "name" | "status">): AuthExpired {
  if (row.status === "disabled") return new AuthExpired(`${row.name} is disconnected. Connect it again to sync.`);
  return new AuthExpired(`${marketplaceLabel(row.marketplace)} no longer accepts the connection to ${row.name}. Reconnect it on the Connections page.`);
}
