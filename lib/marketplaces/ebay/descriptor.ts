import type { MarketplaceConnection } from "@/db/schema";
import { channelPolicyOf, storeChannelPreferences } from "@/lib/connections/channel-preferences";
import { env } from "@/lib/env";
import { setUpEbayNotifications, tearDownEbayNotifications } from "@/lib/notifications/ebay-subscriptions";
import type { MarketplaceDescriptor } from "../descriptor";
import type { ChannelPreferences } from "../types";
import { ebayAdapter } from "./adapter";
import { ebayBudget } from "./client";
import { ebayMeta } from "./meta";
import { ebayWebhooks } from "./webhooks";

export const ebayDescriptor: MarketplaceDescriptor = {
  ...ebayMeta,
  adapter: ebayAdapter,
  rateBudget: ebayBudget,
  // getOrders filters by creation date: shipments and cancellations of older orders need their own poll.
  pollMinutes: () => {
    const e = env();
    return { orders: e.EBAY_POLLING_INTERVAL_ORDERS, listings: e.EBAY_POLLING_INTERVAL_INVENTORY, fulfillment: e.EBAY_POLLING_INTERVAL_FULFILLMENT };
  },
  // Trading platform notifications name the seller by username, which is the connection's name.
  noticesNameAccounts: true,
  // Pushes read the seller's out-of-stock control and the organization's choice for quantity 0.
  sessionExtras: (connection: MarketplaceConnection) => ({
    channelPolicy: () => channelPolicyOf(connection.id),
    onChannelPreferences: (prefs: ChannelPreferences) => storeChannelPreferences(connection.id, prefs),
  }),
  onConnected: setUpEbayNotifications,
  beforeDisconnect: tearDownEbayNotifications,
  webhooks: ebayWebhooks,
};
