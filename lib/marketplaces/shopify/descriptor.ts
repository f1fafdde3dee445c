import { env } from "@/lib/env";
import type { MarketplaceDescriptor } from "../descriptor";
import { shopifyAdapter, shopifyApp } from "./app";
import { uninstallFromStore } from "./disconnect";
import { shopifyMeta } from "./meta";
import { shopDomainFromInput } from "./shop-domain";
import { shopifyWebhooks } from "./webhook-endpoints";

export const shopifyDescriptor: MarketplaceDescriptor = {
  ...shopifyMeta,
  adapter: shopifyAdapter,
  // Shopify limits by query cost per shop, reported in every answer (./throttle.ts), not per app
  // key: there is no app-wide rate or daily budget to share between tenants or to show.
  rateBudget: () => ({ appKey: `shopify:${env().SHOPIFY_API_KEY}`, perSecond: Number.POSITIVE_INFINITY, perDay: null }),
  // No fulfillment poll: an order's updated_at moves on cancellations and refunds, so the orders poll sees them.
  pollMinutes: () => ({ orders: env().SHOPIFY_POLLING_INTERVAL_ORDERS, listings: env().SHOPIFY_POLLING_INTERVAL_INVENTORY }),
  accountFromInput: shopDomainFromInput,
  // The store's locations for the picker on the Connections card (the primary one is managed until the seller picks another).
  readLocations: async (_connection, session) => (await shopifyApp().locations(session)).filter((l) => l.isActive).map(({ id, name, primary }) => ({ id, name, primary })),
  beforeDisconnect: uninstallFromStore,
  noticesNameAccounts: false,
  webhooks: shopifyWebhooks,
};
