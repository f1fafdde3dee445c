import { env } from "@/lib/env";
import type { MarketplaceDescriptor } from "../descriptor";
import { etsyAdapter } from "./adapter";
import { etsyBudget } from "./client";
import { etsyMeta } from "./meta";
import { etsyWebhooks } from "./webhooks";

export const etsyDescriptor: MarketplaceDescriptor = {
  ...etsyMeta,
  adapter: etsyAdapter,
  rateBudget: etsyBudget,
  // No fulfillment poll: shipped and cancelled receipts come from the orders poll and the cancellations re-read.
  pollMinutes: () => ({ orders: env().ETSY_POLLING_INTERVAL_ORDERS, listings: env().ETSY_POLLING_INTERVAL_LISTINGS }),
  noticesNameAccounts: false,
  webhooks: etsyWebhooks,
};
