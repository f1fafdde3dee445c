import { createAdminApiClient } from "@shopify/admin-api-client";
import { Invalid, RateLimited, Unavailable } from "@/lib/errors";
import { noteEffectiveTry } from "../call-window";
import type { ApiSession } from "../types";
import { newAttempt, shopifyFetch, sleep, type HttpPolicy } from "./http";
import { shopBudget, type ThrottleStatus } from "./throttle";
import { SHOPIFY_API_VERSION } from "./version";

// Admin GraphQL calls through Shopify's maintained client (@shopify/admin-api-client), one
// typed operation at a time (types from `npm run gen:shopify`). Around it: the cost throttle
// (wait until the next query's cost fits the shop's bucket; a THROTTLED answer was not run, so
// it is waited out and sent again), GraphQL errors as typed errors, and the call window of
// the try that took effect.

export type ShopifyEndpoint = {
  /** Where a shop's Admin API is: `https://${shop}` in production, `${SANDBOX_URL}/shopify/${shop}` locally. */
  apiBase: (shop: string) => string;
  policy?: Partial<HttpPolicy>;
  /** THROTTLED answers waited out before giving up with RateLimited (the scheduler retries later). */
  maxThrottleRetries?: number;
};

export type ShopifyCall = { shop: string; session: ApiSession; endpoint: ShopifyEndpoint };

const WAIT_CAP_MS = 30_000;
let warnedVersion = false;

function throttleStatusOf(extensions: { cost?: { throttleStatus?: Partial<ThrottleStatus> } } | undefined): ThrottleStatus | null {
  const s = extensions?.cost?.throttleStatus;
  if (!s || s.currentlyAvailable === undefined || s.maximumAvailable === undefined || s.restoreRate === undefined) return null;
  return { currentlyAvailable: s.currentlyAvailable, maximumAvailable: s.maximumAvailable, restoreRate: s.restoreRate };
}

/** Runs one named operation and returns its data; throws typed errors (RateLimited, AuthExpired, Unavailable, Invalid). */
export async function shopifyRequest<TData, TVars extends Record<string, unknown>>(call: ShopifyCall, operation: string, query: string, variables: TVars): Promise<TData> {
  const budget = shopBudget(call.shop);
  const maxWait = call.endpoint.policy?.maxWaitMs ?? WAIT_CAP_MS;
  const maxRefusals = call.endpoint.maxThrottleRetries ?? 5;
  for (let refusals = 0; ; refusals++) {
    const wait = budget.waitMs(operation, Date.now());
    if (wait > maxWait) throw new RateLimited("Shopify's request budget for this store is spent for now. We will try again shortly.", wait);
    if (wait > 0) await sleep(wait);

    const attempt = newAttempt(operation);
    const client = createAdminApiClient({
      storeDomain: call.shop,
      apiVersion: SHOPIFY_API_VERSION,
      accessToken: await call.session.accessToken(),
      retries: 0,
      customFetchApi: shopifyFetch({ shop: call.shop, base: call.endpoint.apiBase(call.shop), attempt, session: call.session, policy: call.endpoint.policy }),
      logger: (log) => {
        // The client warns once its own calendar says the pinned version is past support.
        if (log.type === "Unsupported_Api_Version" && !warnedVersion) {
          warnedVersion = true;
          console.warn(`[shopify] API version ${SHOPIFY_API_VERSION} is past Shopify's support window: move to a newer one (schemas/shopify/README.md).`);
        }
      },
    });
    const res = await client.request<TData>(query, { variables });
    if (attempt.error) throw attempt.error;
    const status = throttleStatusOf(res.extensions);
    const requested = res.extensions?.cost?.requestedQueryCost ?? null;
    budget.record(operation, requested, status, Date.now());

    const errors = res.errors?.graphQLErrors ?? [];
    if (errors.some((e) => e.extensions?.code === "THROTTLED")) {
      const retryAfter = status ? budget.waitAfterRefusal(requested ?? status.maximumAvailable / 2, status) : 1000;
      if (refusals >= maxRefusals || retryAfter > maxWait) throw new RateLimited("Shopify is throttling queries for this store. We will try again shortly.", retryAfter);
      await sleep(retryAfter);
      continue;
    }
    if (errors.length) throw new Invalid(`Shopify refused ${operation}: ${errors.map((e) => e.message).join("; ").slice(0, 300)}`);
    if (res.errors) throw new Unavailable(`Shopify sent an unreadable answer to ${operation} (${res.errors.message ?? "no data"}). We will try again shortly.`);
    if (res.data === undefined) throw new Unavailable(`Shopify sent an empty answer to ${operation}. We will try again shortly.`);
    noteEffectiveTry(attempt.effectiveFrom ?? new Date());
    return res.data;
  }
}
