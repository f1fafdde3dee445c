import { env } from "@/lib/env";
import { AuthExpired, Invalid, RateLimited } from "@/lib/errors";
import { marketplaceFetch } from "../../http";
import type { ApiSession } from "../../types";
import { ebayBudget } from "../client";
import { errorText, parseTradingResponse, tradingRequestXml, type TradingEnvelope } from "./xml";

// One Trading call: POST {EBAY_API_BASE}/ws/api.dll through the shared HTTP layer (app
// budget, retries, timeouts, call counting) with the call name, site and compatibility
// level headers and the OAuth user token in X-EBAY-API-IAF-TOKEN. eBay reports token and
// limit problems as HTTP 200 with <Errors>, so they are recognised here: an expired or
// invalid IAF token refreshes once and retries; limits become RateLimited.

/** The schema version we were written against (Trading release 1349). */
export const COMPATIBILITY_LEVEL = "1349";
/** eBay US. Listings on other sites answer through their own site id. */
export const SITE_ID = "0";

// 930/931/932: missing or invalid token; 21916984: invalid IAF token; 21917053: expired IAF token.
const AUTH_CODES = new Set([930, 931, 932, 21916984, 21917053]);
// 518: the app's daily limit for the call; 21919144: the seller's short-duration limit (blocked for 15 s).
const DAILY_LIMIT = 518;
const SHORT_LIMIT = 21919144;
const SHORT_LIMIT_WAIT_MS = 15_000;

export async function tradingCall(session: ApiSession, callName: string, fields: Record<string, unknown> = {}): Promise<TradingEnvelope> {
  const fetcher = marketplaceFetch({ marketplace: "ebay", budget: ebayBudget(), session, tokenHeader: (token) => ["x-ebay-api-iaf-token", token] });
  const body = tradingRequestXml(callName, fields);
  for (let refreshed = false; ; refreshed = true) {
    const response = await fetcher(
      new Request(`${env().EBAY_API_BASE}/ws/api.dll`, {
        method: "POST",
        headers: { "content-type": "text/xml", "x-ebay-api-call-name": callName, "x-ebay-api-siteid": SITE_ID, "x-ebay-api-compatibility-level": COMPATIBILITY_LEVEL },
        body,
      }),
    );
    const answer = parseTradingResponse(callName, await response.text());
    const auth = answer.Errors.find((e) => AUTH_CODES.has(e.ErrorCode));
    if (auth && !refreshed) {
      await session.refreshAccessToken();
      continue;
    }
    if (auth) {
      const err = new AuthExpired(`eBay no longer accepts this connection: ${errorText(auth)}. Reconnect the shop.`);
      await session.onAuthRejected?.(err.message);
      throw err;
    }
    const limit = answer.Errors.find((e) => e.ErrorCode === DAILY_LIMIT || e.ErrorCode === SHORT_LIMIT);
    if (limit?.ErrorCode === SHORT_LIMIT) throw new RateLimited("eBay is limiting how fast this seller's listings can be revised. We will try again in a few seconds.", SHORT_LIMIT_WAIT_MS);
    if (limit) throw new RateLimited(`Stockroom has used today's eBay allowance for ${callName}. Syncing resumes when it renews.`, msUntilUtcMidnight());
    return answer;
  }
}

/** For calls where any error fails the whole call (everything except ReviseInventoryStatus). */
export function assertSuccess(answer: TradingEnvelope, callName: string): TradingEnvelope {
  const failure = answer.Errors.find((e) => e.SeverityCode === "Error");
  if (answer.Ack === "Failure" || failure) throw new Invalid(`eBay refused ${callName}: ${failure ? errorText(failure) : "no reason given"}.`);
  return answer;
}

function msUntilUtcMidnight(): number {
  const now = new Date();
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1) - now.getTime();
}
