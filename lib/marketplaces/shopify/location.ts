import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { marketplaceConnections } from "@/db/schema";
import { managedLocationId } from "@/lib/connections/managed-location";
import type { ApiSession } from "../types";
import type { ShopifyConnectionSettings } from "./adapter";

// The location a Shopify connection manages is the seller's choice, stored on the connection
// (marketplace_connections.location_id, set from the Connections card). Read on every use
// rather than carried in the session: a change applies to the next read or push at once.

export async function shopifySettingsOf(session: ApiSession): Promise<ShopifyConnectionSettings> {
  const [row] = await db
    .select({ locationId: marketplaceConnections.locationId, locations: marketplaceConnections.locations })
    .from(marketplaceConnections)
    .where(eq(marketplaceConnections.id, session.connectionId));
  // No choice made: the primary location read at connect, so polls need not ask Shopify for it.
  return { locationId: row ? managedLocationId(row) : null };
}
