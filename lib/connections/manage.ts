import { and, eq, inArray, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { marketplaceConnections, organizations, syncRuns, type MarketplaceConnection } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { Invalid, NotFound } from "@/lib/errors";
import { marketplaceDescriptor } from "@/lib/marketplaces/registry";
import { sessionFor } from "./tokens";
import { requestSync } from "@/lib/sync/triggers";
import { assertRole, type OrgContext } from "@/lib/tenancy/context";

export type ConnectionStatusBadge = "active" | "syncing" | "needs_reconnect" | "error" | "disabled";

/** What the Connections page shows: never a token. */
export type ConnectionSummary = Pick<
  MarketplaceConnection,
  | "id"
  | "marketplace"
  | "externalId"
  | "name"
  | "status"
  | "lastSuccessAt"
  | "lastError"
  | "lastErrorAt"
  | "createdAt"
  | "outOfStockControl"
  | "quantityRule"
  | "quantityRuleValue"
  | "locationId"
  | "locationName"
  | "locations"
  | "locationsError"
> & {
  badge: ConnectionStatusBadge;
  /** eBay: the organization's choice for listings that would end at 0. */
  zeroStock: "ask" | "keep_one" | "end";
  /** eBay listings that have ended (relisting is up to the seller, on eBay). */
  endedListings: number;
  /** Marketplace notifications: "live" while they bring sales, "delayed" after a poll found one they missed, null if none ever came. */
  notifications: "live" | "delayed" | null;
};

export async function listConnections(ctx: OrgContext): Promise<ConnectionSummary[]> {
  const rows = await db
    .select({
      id: marketplaceConnections.id,
      marketplace: marketplaceConnections.marketplace,
      externalId: marketplaceConnections.externalId,
      name: marketplaceConnections.name,
      status: marketplaceConnections.status,
      lastSuccessAt: marketplaceConnections.lastSuccessAt,
      lastError: marketplaceConnections.lastError,
      lastErrorAt: marketplaceConnections.lastErrorAt,
      createdAt: marketplaceConnections.createdAt,
      outOfStockControl: marketplaceConnections.outOfStockControl,
      quantityRule: marketplaceConnections.quantityRule,
      quantityRuleValue: marketplaceConnections.quantityRuleValue,
      locationId: marketplaceConnections.locationId,
      locationName: marketplaceConnections.locationName,
      locations: marketplaceConnections.locations,
      locationsError: marketplaceConnections.locationsError,
      notificationSeenAt: marketplaceConnections.notificationSeenAt,
      notificationMissAt: marketplaceConnections.notificationMissAt,
      zeroStock: sql<"ask" | "keep_one" | "end">`coalesce(${organizations.settings}->>'ebayZeroStock', 'ask')`,
      // Ended listings that still stand for a product (the seller may want to relist them).
      endedListings: sql<number>`(select count(*)::int from channel_listings l where l.connection_id = ${marketplaceConnections.id} and l.state = 'ENDED'
        and exists (select 1 from channel_items i where i.listing_id = l.id and i.product_id is not null))`,
    })
    .from(marketplaceConnections)
    .innerJoin(organizations, eq(organizations.id, marketplaceConnections.orgId))
    .where(eq(marketplaceConnections.orgId, ctx.orgId))
    .orderBy(marketplaceConnections.marketplace, marketplaceConnections.name);
  const ids = rows.map((r) => r.id);
  const running = ids.length
    ? await db
        .selectDistinct({ connectionId: syncRuns.connectionId })
        .from(syncRuns)
        .where(and(eq(syncRuns.orgId, ctx.orgId), inArray(syncRuns.connectionId, ids), eq(syncRuns.status, "running")))
    : [];
  const syncing = new Set(running.map((r) => r.connectionId));
  return rows.map(({ notificationSeenAt, notificationMissAt, ...r }) => ({
    ...r,
    badge: r.status === "active" && syncing.has(r.id) ? "syncing" : r.status,
    notifications: notificationMissAt ? "delayed" : notificationSeenAt ? "live" : null,
  }));
}

async function connectionInOrg(ctx: OrgContext, connectionId: string): Promise<MarketplaceConnection> {
  const [row] = await db
    .select()
    .from(marketplaceConnections)
    .where(and(eq(marketplaceConnections.id, connectionId), eq(marketplaceConnections.orgId, ctx.orgId)));
  // Another organization's connection is reported exactly like a missing one.
  if (!row) throw new NotFound("That connection does not exist in this organization.");
  return row;
}

/**
 * Disconnects a shop: the tokens are deleted (neither Etsy nor eBay offers an API to
 * revoke a seller's token; the seller can remove the app from their account), syncing
 * stops, and orders, movements and listings stay as history.
 */
/** Returns what the marketplace side left undone, for the seller (eBay: notifications still on; Shopify: the app still installed), or null. */
export async function disconnectConnection(ctx: OrgContext, connectionId: string, ip?: string | null): Promise<string | null> {
  assertRole(ctx, "manager");
  const row = await connectionInOrg(ctx, connectionId);
  if (row.status === "disabled") return null;
  // The subscription is deleted with the seller's token, so before the token goes.
  const notificationsProblem = (await marketplaceDescriptor(row.marketplace).beforeDisconnect?.(row, sessionFor(row))) ?? null;
  await db.transaction(async (tx) => {
    const now = new Date();
    await tx
      .update(marketplaceConnections)
      .set({ status: "disabled", accessTokenEnc: null, refreshTokenEnc: null, tokenKeyId: null, accessExpiresAt: null, refreshExpiresAt: null, disconnectedAt: now, updatedAt: now })
      .where(and(eq(marketplaceConnections.id, row.id), eq(marketplaceConnections.orgId, ctx.orgId)));
    await recordAudit(tx, {
      orgId: ctx.orgId,
      actor: { type: "user", userId: ctx.userId },
      action: "connection.removed",
      target: { type: "connection", id: row.id },
      before: { status: row.status, name: row.name },
      after: notificationsProblem ? { status: "disabled", problem: notificationsProblem } : { status: "disabled" },
      ip: ip ?? null,
    });
  });
  return notificationsProblem;
}

/** "Sync now": queues a sync of one connection at once. */
export async function requestConnectionSync(ctx: OrgContext, connectionId: string): Promise<void> {
  assertRole(ctx, "manager");
  const row = await connectionInOrg(ctx, connectionId);
  if (row.status === "needs_reconnect") throw new Invalid(`Reconnect ${row.name} before syncing it.`);
  if (row.status === "disabled") throw new Invalid(`${row.name} is disconnected. Connect it again to sync.`);
  await recordAudit(db, { orgId: ctx.orgId, actor: { type: "user", userId: ctx.userId }, action: "sync.triggered", target: { type: "connection", id: row.id } });
  await requestSync(row.id, "manual");
}

