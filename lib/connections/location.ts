import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { marketplaceConnections, type MarketplaceConnection } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { AppError, AuthExpired, Invalid, NotFound } from "@/lib/errors";
import { marketplaceDescriptor } from "@/lib/marketplaces/registry";
import { dispatch } from "@/lib/sync/dispatch";
import { assertRole, type OrgContext } from "@/lib/tenancy/context";
import { managedLocationId } from "./managed-location";
import { sessionFor } from "./tokens";

export { managedLocationId };

// Which of a store's stock locations Stockroom manages (Shopify: a store may have several; the
// primary one by default). The list is read from the channel at connect; the seller picks on
// the Connections card. Moving to another location starts that channel's reads over: the next
// listings read anchors each item to the new location's quantity instead of judging the
// difference as an edit (lib/inventory/import-plan.ts), and pushes wait for it.

export type ChannelLocation = { id: string; name: string; primary: boolean };

/** Stores the locations the channel reported; the managed one keeps its choice, named as the channel names it now. */
export async function storeChannelLocations(connectionId: string, locations: ChannelLocation[]): Promise<void> {
  const [row] = await db.select({ locationId: marketplaceConnections.locationId }).from(marketplaceConnections).where(eq(marketplaceConnections.id, connectionId));
  const managed = locations.find((l) => l.id === row?.locationId) ?? locations.find((l) => l.primary) ?? null;
  await db.update(marketplaceConnections).set({ locations, locationName: managed?.name ?? null, locationsError: null, updatedAt: sql`now()` }).where(eq(marketplaceConnections.id, connectionId));
}

export const channelLocationInput = z.object({ connectionId: z.uuid("Choose a connection."), locationId: z.string().min(1, "Choose a location.").max(200) });
export type ChannelLocationInput = z.infer<typeof channelLocationInput>;

/** The seller's pick on the Connections card; returns what to tell them. */
export async function chooseChannelLocation(ctx: OrgContext, input: ChannelLocationInput): Promise<string> {
  assertRole(ctx, "manager");
  const moved = await db.transaction(async (tx) => {
    const [conn] = await tx
      .select()
      .from(marketplaceConnections)
      .where(and(eq(marketplaceConnections.id, input.connectionId), eq(marketplaceConnections.orgId, ctx.orgId)))
      .for("update");
    if (!conn) throw new NotFound("That connection does not exist in this organization.");
    const location = conn.locations?.find((l) => l.id === input.locationId);
    if (!location) throw new Invalid("That location is not one of this store's.", { locationId: "Choose one of the store's locations." });
    if (location.id === managedLocationId(conn)) return null;
    await tx
      .update(marketplaceConnections)
      .set({ locationId: location.id, locationName: location.name, anchorsResetAt: sql`now()`, updatedAt: sql`now()` })
      .where(eq(marketplaceConnections.id, conn.id));
    await recordAudit(tx, {
      orgId: ctx.orgId,
      actor: { type: "user", userId: ctx.userId },
      action: "connection.location_changed",
      target: { type: "connection", id: conn.id },
      before: { locationId: conn.locationId, locationName: conn.locationName },
      after: { locationId: location.id, locationName: location.name },
    });
    return { conn, location };
  });
  if (!moved) return "Stockroom already manages that location.";
  // The new location's first read re-anchors every item, then pushes what Stockroom holds.
  if (moved.conn.status === "active")
    await dispatch([{ name: "stockroom/sync.requested", data: { connectionId: moved.conn.id, kind: "listings", trigger: "manual", marketplace: moved.conn.marketplace } }]);
  return `Stockroom now manages the stock at ${moved.location.name}. It reads that location's quantities, then sets them to what Stockroom holds.`;
}

/**
 * Reads the channel's locations (descriptor.readLocations) and stores them. A failure leaves the
 * connection working at the primary location and is kept on it, worded for the seller, who can
 * read them again from the Connections card. Returns whether the read succeeded.
 */
export async function refreshChannelLocations(conn: MarketplaceConnection): Promise<boolean> {
  const descriptor = marketplaceDescriptor(conn.marketplace);
  if (!descriptor.readLocations) return true;
  try {
    await storeChannelLocations(conn.id, await descriptor.readLocations(conn, sessionFor(conn)));
    return true;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const noun = descriptor.accountNoun;
    const locationsError = `Stockroom could not read this ${noun}'s locations: ${err.message.replace(/\s*We will try again shortly\.$/, "")} Until it can, it keeps stock at the ${noun}'s primary location. Choose "Read locations again"${err instanceof AuthExpired ? " after reconnecting the " + noun : ""} to retry.`;
    await db.update(marketplaceConnections).set({ locationsError, updatedAt: sql`now()` }).where(eq(marketplaceConnections.id, conn.id));
    return false;
  }
}

/** "Read locations again" on the Connections card. */
export async function rereadChannelLocations(ctx: OrgContext, connectionId: string): Promise<string> {
  assertRole(ctx, "manager");
  const [conn] = await db.select().from(marketplaceConnections).where(and(eq(marketplaceConnections.id, connectionId), eq(marketplaceConnections.orgId, ctx.orgId)));
  if (!conn) throw new NotFound("That connection does not exist in this organization.");
  if (conn.status !== "active") throw new Invalid("Reconnect this connection first.");
  if (await refreshChannelLocations(conn)) return "Locations read.";
  const [after] = await db.select({ locationsError: marketplaceConnections.locationsError }).from(marketplaceConnections).where(eq(marketplaceConnections.id, conn.id));
  throw new Invalid(after?.locationsError ?? "The locations could not be read.");
}
