import type { MarketplaceConnection } from "@/db/schema";

/**
 * The stock location a connection manages: the seller's choice, else the primary one read at
 * connect; null when the channel's locations were never read. A leaf module: the marketplace
 * folders read it without depending on lib/connections, which depends on the registry.
 */
export function managedLocationId(conn: Pick<MarketplaceConnection, "locationId" | "locations">): string | null {
  return conn.locationId ?? conn.locations?.find((l) => l.primary)?.id ?? null;
}
