import type { Marketplace } from "@/db/schema";
import { AppError, AuthExpired, Invalid, NotFound, RateLimited, Unavailable } from "@/lib/errors";
import { parseRetryAfter, RETRYABLE_STATUSES, retryDelayMs } from "./backoff";
import { recordReportedLimits, reportedLimits, reserveCall, type RateBudget } from "./rate-limit";
import { noteEffectiveTry } from "./call-window";
import { marketplaceLabel } from "./meta";
import type { ApiSession } from "./types";

// The one HTTP layer every marketplace call goes through (handed to openapi-fetch as
// its `fetch`): app-key rate limiting shared across processes, a timeout on every
// call, retries with backoff honouring `retry-after`, refresh-once on 401, per-call
// counting, and typed errors whose messages are safe to show (never a token).

export type HttpOptions = {
  marketplace: Marketplace;
  /**
   * The app key's API budget. Null for OAuth token calls: the token endpoints have their
   * own limits, and a refresh runs under a row lock that must not wait on other queries.
   */
  budget: RateBudget | null;
  /** Present for calls made on behalf of a connection: sets the bearer token, refreshes on 401, counts calls. */
  session?: ApiSession;
  timeoutMs?: number;
  maxRetries?: number;
  baseDelayMs?: number;
  /** Longer waits (rate-limit queue, retry-after) are not slept through: the caller gets RateLimited and reschedules. */
  maxWaitMs?: number;
  /** Where the session's token goes; default `Authorization: Bearer`. eBay's Trading API wants X-EBAY-API-IAF-TOKEN. */
  tokenHeader?: (token: string) => [name: string, value: string];
};

const bearerHeader = (token: string): [string, string] => ["authorization", `Bearer ${token}`];

export function marketplaceFetch(opts: HttpOptions): (input: Request) => Promise<Response> {
  const timeoutMs = opts.timeoutMs ?? 20_000;
  const maxRetries = opts.maxRetries ?? 4;
  const baseDelayMs = opts.baseDelayMs ?? 300;
  const maxWaitMs = opts.maxWaitMs ?? 30_000;
  const label = marketplaceLabel(opts.marketplace);

  return async (input: Request) => {
    // Buffer the body once: a Request body can be read only once, and we may resend it.
    const body = input.body ? await input.arrayBuffer() : undefined;
    const operation = operationName(input);
    let refreshed = false;
    let token = opts.session ? await opts.session.accessToken() : null;
    // A try that got no answer may still have been carried out by the marketplace.
    let unanswered = false;
    let effectiveFrom: Date | null = null;
    const failing = (error: AppError) => {
      error.mayHaveApplied = unanswered;
      return error;
    };

    for (let attempt = 0; ; attempt++) {
      if (opts.budget) {
        const wait = await reserveCall(opts.budget, maxWaitMs);
        if (wait > 0) await sleep(wait);
      }

      const headers = new Headers(input.headers);
      if (token) headers.set(...(opts.tokenHeader ?? bearerHeader)(token));
      opts.session?.onCall?.(operation);
      // An unanswered earlier try may be the one that took effect; otherwise only this one can.
      if (!unanswered) effectiveFrom = new Date();

      let response: Response;
      try {
        response = await fetch(input.url, { method: input.method, headers, body, signal: AbortSignal.timeout(timeoutMs), redirect: "manual" });
      } catch (err) {
        unanswered = true;
        const reason = isTimeout(err) ? `did not answer within ${Math.round(timeoutMs / 1000)} s` : "could not be reached";
        if (attempt < maxRetries) {
          await sleep(retryDelayMs({ attempt, retryAfterMs: null, baseMs: baseDelayMs, capMs: 10_000 }));
          continue;
        }
        throw failing(new Unavailable(`${label} ${reason} (${operation}). We will try again shortly.`));
      }

      // Every Etsy answer, 429s included, says what the app may spend: the bucket follows it.
      const limits = opts.budget ? reportedLimits(response.headers) : null;
      if (opts.budget && limits) await recordReportedLimits(opts.budget.appKey, limits);

      if (response.ok) {
        noteEffectiveTry(effectiveFrom ?? new Date());
        return response;
      }

      if (response.status === 401 && opts.session && !refreshed) {
        await response.body?.cancel();
        refreshed = true;
        token = await opts.session.refreshAccessToken();
        continue;
      }

      if (RETRYABLE_STATUSES.has(response.status)) {
        const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
        if (attempt < maxRetries && (retryAfterMs ?? 0) <= maxWaitMs) {
          await response.body?.cancel();
          await sleep(retryDelayMs({ attempt, retryAfterMs, baseMs: baseDelayMs, capMs: 10_000 }));
          continue;
        }
        if (response.status === 429) {
          await response.body?.cancel();
          throw failing(new RateLimited(`${label} is limiting our requests. We will try again shortly.`, retryAfterMs ?? undefined));
        }
      }
      const error = failing(await errorFor(label, operation, response, token));
      if (error instanceof AuthExpired && opts.session?.onAuthRejected) await opts.session.onAuthRejected(error.message);
      throw error;
    }
  };
}

async function errorFor(label: string, operation: string, response: Response, token: string | null): Promise<AppError> {
  const detail = redact(await marketplaceMessage(response), token);
  const suffix = detail ? `: ${detail}` : "";
  switch (response.status) {
    case 401:
      return new AuthExpired(`${label} no longer accepts this connection${suffix}. Reconnect the shop.`);
    case 404:
      return new NotFound(`${label} could not find that (${operation})${suffix}.`);
    case 429:
      return new RateLimited(`${label} is limiting our requests. We will try again shortly.`);
    default:
      if (response.status >= 500) return new Unavailable(`${label} had a problem (HTTP ${response.status}, ${operation})${suffix}. We will try again shortly.`);
      return new Invalid(`${label} refused the request (HTTP ${response.status}, ${operation})${suffix}.`);
  }
}

/** Etsy answers `{ error }`, eBay `{ errors: [{ message }] }`, OAuth `{ error, error_description }`. */
async function marketplaceMessage(response: Response): Promise<string> {
  const text = await response.text().catch(() => "");
  try {
    const json: unknown = JSON.parse(text);
    if (json && typeof json === "object") {
      const o = json as { error?: unknown; error_description?: unknown; errors?: { message?: unknown; longMessage?: unknown }[] };
      if (typeof o.error_description === "string") return o.error_description.slice(0, 300);
      if (typeof o.error === "string") return o.error.slice(0, 300);
      const first = Array.isArray(o.errors) ? o.errors[0] : undefined;
      // eBay puts the short code-like text in `message` ("Invalid access token") and the sentence in `longMessage`.
      if (first && typeof first.longMessage === "string") return first.longMessage.slice(0, 300);
      if (first && typeof first.message === "string") return first.message.slice(0, 300);
    }
  } catch {
    // Not JSON: an HTML error page or a proxy message; a short excerpt is enough.
  }
  return text.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim().slice(0, 200);
}

function redact(message: string, token: string | null): string {
  let out = message.replace(/Bearer\s+\S+/gi, "Bearer [redacted]");
  if (token) out = out.split(token).join("[redacted]");
  return out;
}

/** "GET /v3/application/shops/{id}/receipts": stable names for call counts, ids collapsed. */
export function operationName(input: Request): string {
  const path = new URL(input.url).pathname.replace(/\/\d+(?=\/|$)/g, "/{id}");
  // eBay's Trading API has one URL; the call is named in a header.
  const call = input.headers.get("x-ebay-api-call-name");
  return call ? `${input.method} ${path} ${call}` : `${input.method} ${path}`;
}

function isTimeout(err: unknown): boolean {
  return err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
