import createClient from "openapi-fetch";
import { env } from "@/lib/env";
import type { paths as fulfillmentPaths } from "../generated/ebay-sell-fulfillment-v1";
import type { paths as inventoryPaths } from "../generated/ebay-sell-inventory-v1";
import { marketplaceFetch } from "../http";
import type { RateBudget } from "../rate-limit";
import type { ApiSession } from "../types";

export function ebayBudget(): RateBudget {
  const e = env();
  // eBay's daily limits are per API and far above a small seller's needs; calls are still counted.
  return { appKey: `ebay:${e.EBAY_CLIENT_ID}`, perSecond: e.EBAY_RATE_PER_SECOND, perDay: null };
}

function options(session: ApiSession, basePath: string) {
  return {
    baseUrl: `${env().EBAY_API_BASE}${basePath}`,
    headers: { accept: "application/json", "content-language": "en-US" },
    fetch: marketplaceFetch({ marketplace: "ebay", budget: ebayBudget(), session }),
  };
}

export const ebayInventoryClient = (session: ApiSession) => createClient<inventoryPaths>(options(session, "/sell/inventory/v1"));
export const ebayFulfillmentClient = (session: ApiSession) => createClient<fulfillmentPaths>(options(session, "/sell/fulfillment/v1"));
export type EbayInventoryClient = ReturnType<typeof ebayInventoryClient>;
