import type { MarketplaceConnection } from "@/db/schema";
import { AppError, AuthExpired } from "@/lib/errors";
import type { ApiSession } from "../types";
import { shopifyApp } from "./app";

// Disconnecting a store in Stockroom removes Stockroom's app from it (appUninstall), as a
// merchant would expect: an app left installed keeps its access to products, inventory and
// orders. Shopify then sends app/uninstalled, which finds the connection already disconnected.

/** Returns what the seller must do by hand when Shopify did not remove the app, or null. */
export async function uninstallFromStore(_connection: MarketplaceConnection, session: ApiSession): Promise<string | null> {
  try {
    await shopifyApp().uninstall(session);
    return null;
  } catch (err) {
    // A refused token: the app is gone from the store already.
    if (err instanceof AuthExpired) return null;
    if (!(err instanceof AppError)) throw err;
    return `Stockroom could not remove its app from the store (${err.message}) Remove it in Shopify admin under Settings > Apps and sales channels.`;
  }
}
