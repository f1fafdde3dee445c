import type { MarketplaceConnection } from "@/db/schema";
import { sessionFor } from "@/lib/connections/tokens";
import { adapterFor } from "@/lib/marketplaces/registry";
import type { ApiSession, MarketplaceAdapter } from "@/lib/marketplaces/types";

/** The marketplace side of a sync: which adapter speaks to the channel, and an authenticated session. */
export type SyncDeps = {
  adapterFor: (marketplace: MarketplaceConnection["marketplace"]) => MarketplaceAdapter;
  sessionFor: (connection: MarketplaceConnection) => ApiSession | Promise<ApiSession>;
};

/** The real adapters (the channel registry) and token handling; tests put fakes in their place. */
export function defaultSyncDeps(): SyncDeps {
  return { adapterFor, sessionFor: (c) => sessionFor(c) };
}
