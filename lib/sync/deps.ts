import type { MarketplaceConnection } from "@/db/schema";
import type { ApiSession, MarketplaceAdapter } from "@/lib/marketplaces/types";

/** The marketplace side of a sync: which adapter speaks to the channel, and an authenticated session. */
export type SyncDeps = {
  adapterFor: (marketplace: MarketplaceConnection["marketplace"]) => MarketplaceAdapter;
  sessionFor: (connection: MarketplaceConnection) => ApiSession | Promise<ApiSession>;
};

/** The real adapters and token handling (imported lazily: lib/connections imports the sync triggers). */
export async function defaultSyncDeps(): Promise<SyncDeps> {
  const [{ adapterFor }, { sessionFor }] = await Promise.all([import("@/lib/marketplaces"), import("@/lib/connections")]);
  return { adapterFor, sessionFor: (c) => sessionFor(c) };
}
