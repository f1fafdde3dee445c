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

/** Since January 2026 Etsy wants `keystring:shared_secret`; a bare keystring is kept for apps configured that way. */
export function etsyApiKeyHeader(): string {
  const e = env();
  return e.ETSY_SEND_SHARED_SECRET ? `${e.ETSY_CLIENT_ID}:${e.ETSY_CLIENT_SECRET}` : e.ETSY_CLIENT_ID;
}

export function etsyClient(session: ApiSession) {
  return createClient<paths>({
    baseUrl: env().ETSY_API_BASE,
    headers: { "x-api-key": etsyApiKeyHeader(), accept: "application/json" },
    fetch: marketplaceFetch({ marketplace: "etsy", budget: etsyBudget(), session }),
  });
}

export type EtsyClient = ReturnType<typeof etsyClient>;
