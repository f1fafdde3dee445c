import type { MarketplaceConnection } from "@/db/schema";
import type { ApiSession, MarketplaceAdapter } from "@/lib/marketplaces/types";

/** The marketplace side of a sync: which adapter speaks to the channel, and an authenticated session. */
export type SyncDeps = {
  adapterFor: (marketplace: MarketplaceConnection["marketplace"]) => MarketplaceAdapter;
  sessionFor: (connection: MarketplaceConnection) => ApiSession | Promise<ApiSession>;
};

export async function defaultSyncDeps(): Promise<SyncDeps> {
  throw new Error("Marketplace sessions are not wired yet (lib/connections sessionFor).");
}
