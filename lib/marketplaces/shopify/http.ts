import { AppError, AuthExpired, Invalid, NotFound, RateLimited, Unavailable } from "@/lib/errors";
import { parseRetryAfter, RETRYABLE_STATUSES, retryDelayMs } from "../backoff";
import type { ApiSession } from "../types";

// The HTTP under @shopify/admin-api-client (its `customFetchApi`): where a shop's API lives
// (https://{shop}, or the sandbox), a timeout on every try, retries with backoff on 5xx,
// 429 and network failures, call counting, and typed errors whose messages are safe to show.
// The client turns exceptions into an `errors` value, so what went wrong is kept on the
// Attempt for the caller to throw. A 401 is final: Shopify's offline tokens are not
// refreshed, a refused one means the app was uninstalled.

export type HttpPolicy = { timeoutMs: number; maxRetries: number; baseDelayMs: number; maxWaitMs: number };

export const defaultPolicy: HttpPolicy = { timeoutMs: 20_000, maxRetries: 4, baseDelayMs: 300, maxWaitMs: 30_000 };

/** One logical call: when its effective try began (call windows), and the error it ended with. */
export type Attempt = { operation: string; unanswered: boolean; effectiveFrom: Date | null; error: AppError | null };

export const newAttempt = (operation: string): Attempt => ({ operation, unanswered: false, effectiveFrom: null, error: null });

/** `https://{shop}/...` as the client builds it, sent to `base` (https://{shop}, or ${SANDBOX_URL}/shopify/{shop}). */
export function rewriteUrl(url: string, shop: string, base: string): string {
  const origin = `https://${shop}`;
  return url.startsWith(origin) ? `${base.replace(/\/+$/, "")}${url.slice(origin.length)}` : url;
}

export function shopifyFetch(input: { shop: string; base: string; attempt: Attempt; session?: ApiSession; policy?: Partial<HttpPolicy> }) {
  const policy = { ...defaultPolicy, ...input.policy };
  const { attempt } = input;
  const fail = (error: AppError): never => {
    error.mayHaveApplied = attempt.unanswered;
    attempt.error = error;
    throw error;
  };

  return async (url: string, init?: { method?: string; headers?: HeadersInit; body?: string | null; signal?: AbortSignal | null }): Promise<Response> => {
    const target = rewriteUrl(url, input.shop, input.base);
    for (let n = 0; ; n++) {
      input.session?.onCall?.(`POST graphql ${attempt.operation}`);
      // An unanswered earlier try may be the one that took effect; otherwise only this one can.
      if (!attempt.unanswered) attempt.effectiveFrom = new Date();
      let response: Response;
      try {
        response = await fetch(target, { method: init?.method ?? "POST", headers: init?.headers, body: init?.body ?? undefined, signal: AbortSignal.timeout(policy.timeoutMs), redirect: "manual" });
      } catch (err) {
        attempt.unanswered = true;
        if (n < policy.maxRetries) {
          await sleep(retryDelayMs({ attempt: n, retryAfterMs: null, baseMs: policy.baseDelayMs, capMs: 10_000 }));
          continue;
        }
        const timedOut = err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
        return fail(new Unavailable(`Shopify ${timedOut ? `did not answer within ${Math.round(policy.timeoutMs / 1000)} s` : "could not be reached"} (${attempt.operation}). We will try again shortly.`));
      }
      if (response.ok) return response;
      if (RETRYABLE_STATUSES.has(response.status)) {
        const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
        await response.body?.cancel();
        if (n < policy.maxRetries && (retryAfterMs ?? 0) <= policy.maxWaitMs) {
          await sleep(retryDelayMs({ attempt: n, retryAfterMs, baseMs: policy.baseDelayMs, capMs: 10_000 }));
          continue;
        }
        if (response.status === 429) return fail(new RateLimited("Shopify is limiting our requests. We will try again shortly.", retryAfterMs ?? undefined));
        return fail(new Unavailable(`Shopify had a problem (HTTP ${response.status}, ${attempt.operation}). We will try again shortly.`));
      }
      const detail = (await response.text().catch(() => "")).replace(/shpat_\w+/g, "[redacted]").slice(0, 200);
      if (response.status === 401 || response.status === 403) {
        const error = new AuthExpired(`Shopify no longer accepts this connection (the app may have been uninstalled). Reconnect the store.`);
        if (input.session?.onAuthRejected) await input.session.onAuthRejected(error.message);
        return fail(error);
      }
      if (response.status === 404) return fail(new NotFound(`Shopify could not find this store or API version (${attempt.operation}). Check the shop domain.`));
      return fail(new Invalid(`Shopify refused the request (HTTP ${response.status}, ${attempt.operation}): ${detail}`));
    }
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
