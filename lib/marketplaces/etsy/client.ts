import createClient from "openapi-fetch";
import { env } from "@/lib/env";
import type { paths } from "../generated/etsy-openapi-v3";
import { marketplaceFetch } from "../http";
import type { RateBudget } from "../rate-limit";
import type { ApiSession } from "../types";

export function etsyBudget(): RateBudget {
  const e = env();
  return { appKey: `etsy:${e.ETSY_CLIENT_ID}`, perSecond: e.ETSY_RATE_PER_SECOND, perDay: e.ETSY_RATE_PER_DAY };
}

/** Since 9 February 2026 Etsy refuses a bare keystring (403): every call sends `keystring:shared_secret`. */
export function etsyApiKeyHeader(): string {
  const e = env();
  return `${e.ETSY_CLIENT_ID}:${e.ETSY_CLIENT_SECRET}`;
}

export function etsyClient(session: ApiSession) {
  return createClient<paths>({
    baseUrl: env().ETSY_API_BASE,
    headers: { "x-api-key": etsyApiKeyHeader(), accept: "application/json" },
    // Etsy reads arrays comma-separated (listing_ids=1,2,3) and refuses repeated keys
    // ("Expected int value for 'listing_ids'", github.com/anitabyte/etsyv3 PR 11).
    querySerializer: { array: { style: "form", explode: false } },
    fetch: marketplaceFetch({ marketplace: "etsy", budget: etsyBudget(), session }),
  });
}

export type EtsyClient = ReturnType<typeof etsyClient>;
