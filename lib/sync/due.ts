import { and, eq, inArray, isNull } from "drizzle-orm";
import { db } from "@/db/client";
import { channelItems, marketplaceConnections, organizations, type MarketplaceConnection, type Organization } from "@/db/schema";
import { marketplaceDescriptor } from "@/lib/marketplaces/registry";
import type { SyncRequested } from "./events";
import { boundedMinutes } from "./polling";

const MINUTE = 60_000;

type DueInput = Pick<MarketplaceConnection, "id" | "marketplace" | "ordersCursor" | "nextOrdersPollAt" | "listingsSyncedAt" | "nextListingsPollAt" | "fulfillmentCursor"> & {
  settings: Organization["settings"];
};

/** The organization's poll intervals in minutes (settings within bounds, else the environment's). */
export function pollMinutes(marketplace: MarketplaceConnection["marketplace"], settings: Organization["settings"]) {
  const base = marketplaceDescriptor(marketplace).pollMinutes();
  return {
    orders: boundedMinutes(settings.ordersPollMinutes, base.orders),
    listings: boundedMinutes(settings.listingsPollMinutes, base.listings),
  };
}

/** Which kinds of sync a connection needs at `now`. Pure: the cron fan-outs of both schedulers call it. */
export function dueKinds(c: DueInput, now: Date, hasUnpushed: boolean): SyncRequested["kind"][] {
  const kinds: SyncRequested["kind"][] = [];
  const t = now.getTime();
  // A first sync is an orders sync: it imports listings (opening balances) before orders.
  if (!c.nextOrdersPollAt || c.nextOrdersPollAt.getTime() <= t || !c.listingsSyncedAt) kinds.push("orders");
  // Listings polls back off while they find nothing (nextListingsPollAt); before the first backoff, the base interval.
  const listingsDueAt = c.nextListingsPollAt?.getTime() ?? (c.listingsSyncedAt ? c.listingsSyncedAt.getTime() + pollMinutes(c.marketplace, c.settings).listings * MINUTE : null);
  if (listingsDueAt !== null && listingsDueAt <= t) kinds.push("listings");
  const fulfillmentMinutes = marketplaceDescriptor(c.marketplace).pollMinutes().fulfillment;
  if (fulfillmentMinutes !== undefined && c.ordersCursor && (!c.fulfillmentCursor || c.fulfillmentCursor.getTime() + fulfillmentMinutes * MINUTE <= t)) kinds.push("fulfillment");
  // Failed pushes are retried on every sweep until they succeed.
  if (hasUnpushed) kinds.push("push");
  return kinds;
}

/** Every sync due now on active connections of enabled organizations. */
export async function dueSyncs(now = new Date()): Promise<SyncRequested[]> {
  const conns = await db
    .select({ conn: marketplaceConnections, settings: organizations.settings })
    .from(marketplaceConnections)
    .innerJoin(organizations, eq(organizations.id, marketplaceConnections.orgId))
    .where(and(eq(marketplaceConnections.status, "active"), isNull(organizations.disabledAt)));
  if (conns.length === 0) return [];
  const unpushed = await db
    .selectDistinct({ id: channelItems.connectionId })
    .from(channelItems)
    .where(and(inArray(channelItems.pushStatus, ["pending", "failed"]), inArray(channelItems.connectionId, conns.map((c) => c.conn.id))));
  const withUnpushed = new Set(unpushed.map((u) => u.id));
  return conns.flatMap(({ conn, settings }) =>
    dueKinds({ ...conn, settings }, now, withUnpushed.has(conn.id)).map((kind) => ({ connectionId: conn.id, kind, trigger: "schedule" as const, marketplace: conn.marketplace })),
  );
}
