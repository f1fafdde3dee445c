import { header, type Handler } from "../../http";
import { checkToken } from "../../oauth/tokens";
import { countCall } from "../../stats";
import { nowMs } from "../../state";
import { tradingCalls } from "./calls";
import { parseRequest, tradingFailure } from "./xml";

// POST /ebay/ws/api.dll: the Trading API gateway. The call is named by the
// X-EBAY-API-CALL-NAME header, the site by X-EBAY-API-SITEID, the schema version by
// X-EBAY-API-COMPATIBILITY-LEVEL, and the seller by the OAuth user token in
// X-EBAY-API-IAF-TOKEN. Every answer is HTTP 200 with XML, failures included.

const MIN_COMPATIBILITY_LEVEL = 1100;

export const tradingApi: Handler = (req) => {
  const sb = req.sandbox;
  const now = nowMs(sb.state);
  const callName = header(req, "x-ebay-api-call-name") ?? "";
  const handler = Object.hasOwn(tradingCalls, callName) ? tradingCalls[callName] : undefined;
  countCall(sb.stats, "ebay", callName || "(no call name)");
  if (!handler)
    return tradingFailure(callName || "Unknown", now, {
      code: 2,
      short: "Unsupported API call.",
      long: `The API call "${callName}" is invalid or not supported in this release.`,
      params: [callName],
    });
  const level = Number(header(req, "x-ebay-api-compatibility-level"));
  if (!Number.isInteger(level) || level < MIN_COMPATIBILITY_LEVEL)
    return tradingFailure(callName, now, {
      code: 21926,
      short: "Unsupported compatibility level.",
      long: `Send X-EBAY-API-COMPATIBILITY-LEVEL ${MIN_COMPATIBILITY_LEVEL} or higher (the current version is 1349).`,
    });
  if (!/^\d+$/.test(header(req, "x-ebay-api-siteid") ?? ""))
    return tradingFailure(callName, now, { code: 10012, short: "Invalid value.", long: "Send the site id in X-EBAY-API-SITEID (0 for eBay US).", params: ["X-EBAY-API-SITEID"] });

  const fault = sb.faults.fire("ebay", "/ws/api.dll");
  if (fault?.kind === "server_error") return { status: 500, raw: { body: "<html><body>Internal Server Error</body></html>", contentType: "text/html" } };
  if (fault?.kind === "timeout") return { status: 504, raw: { body: "Gateway Timeout", contentType: "text/plain" }, delayMs: sb.config.timeoutMs };
  if (fault?.kind === "malformed") return { status: 200, raw: { body: `<?xml version="1.0"?><${callName}Response><Ack>Succ`, contentType: "text/xml" } };
  if (fault?.kind === "rate_limit" || !sb.tradingLimiter.takeDaily(callName, now)) {
    sb.stats.ebay.rate_limited += 1;
    return tradingFailure(callName, now, {
      code: 518,
      short: "Call usage limit has been reached.",
      long: "Your application has exceeded usage limit on this call, please make call to GetAPIAccessRules to check your call usage.",
      params: [callName],
    });
  }

  const token = checkToken(sb, "ebay", "access", header(req, "x-ebay-api-iaf-token"));
  if (!token.ok) {
    if (token.reason === "missing")
      return tradingFailure(callName, now, { code: 930, short: "Auth token is required.", long: "No XML <RequestPassword> or <RequestToken> was found in XML Request, and no X-EBAY-API-IAF-TOKEN header was sent." });
    if (token.reason === "expired") return tradingFailure(callName, now, { code: 21917053, short: "Expired IAF token.", long: "IAF token supplied is expired. " });
    return tradingFailure(callName, now, { code: 21916984, short: "Invalid IAF token.", long: "IAF token supplied is invalid. " });
  }
  const seller = sb.state.ebay.sellers[token.record.subject];
  if (!seller) return tradingFailure(callName, now, { code: 21916984, short: "Invalid IAF token.", long: "IAF token supplied is invalid. " });

  const request = parseRequest(req.body, callName);
  if (request === null)
    return tradingFailure(callName, now, { code: 5, short: "XML Parse error.", long: `XML Error Text: the body is not a <${callName}Request> document.` });
  return handler({ sb, seller, request, callName });
};
