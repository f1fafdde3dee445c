import { eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { marketplaceConnections, organizations, type MarketplaceConnection } from "@/db/schema";
import type { ChannelPolicy, ChannelPreferences } from "@/lib/marketplaces/types";

// What an eBay adapter needs to decide what it may send (the seller's out-of-stock control
// setting and the organization's choice for quantity 0), and where it stores what it
// read from eBay. Read fresh on every use: the seller may change the choice at any time.

export async function channelPolicyOf(connectionId: string): Promise<ChannelPolicy> {
  const [row] = await db
    .select({ outOfStockControl: marketplaceConnections.outOfStockControl, checkedAt: marketplaceConnections.preferencesCheckedAt, settings: organizations.settings })
    .from(marketplaceConnections)
    .innerJoin(organizations, eq(organizations.id, marketplaceConnections.orgId))
    .where(eq(marketplaceConnections.id, connectionId));
  return { outOfStockControl: row?.outOfStockControl ?? null, preferencesCheckedAt: row?.checkedAt ?? null, zeroStock: row?.settings.ebayZeroStock ?? "ask" };
}

export async function storeChannelPreferences(connectionId: string, prefs: ChannelPreferences): Promise<void> {
  const set: Partial<MarketplaceConnection> = { preferencesCheckedAt: new Date() };
  if (prefs.outOfStockControl !== undefined) set.outOfStockControl = prefs.outOfStockControl;
  if (prefs.apiUsage !== undefined) set.apiUsage = prefs.apiUsage;
  await db.update(marketplaceConnections).set({ ...set, updatedAt: sql`now()` }).where(eq(marketplaceConnections.id, connectionId));
}
