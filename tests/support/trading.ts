import { XMLParser } from "fast-xml-parser";

// Test helper: one Trading API call against a sandbox, answered as parsed XML.

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_", parseTagValue: false, trimValues: false, isArray: (n) => ["Item", "Variation", "Errors", "InventoryStatus", "ApiAccessRule", "NameValueList"].includes(n) });

export type TradingErrorXml = { ShortMessage: string; LongMessage: string; ErrorCode: string; SeverityCode: string; ErrorParameters?: { Value: string }[] | { Value: string } };
export type TradingAnswer = { status: number; root: string; body: Record<string, unknown> & { Ack: string; Errors?: TradingErrorXml[] }; xml: string };

export async function tradingCall(
  url: string,
  callName: string,
  token: string | null,
  inner: string,
  headers: Record<string, string> = {},
): Promise<TradingAnswer> {
  const res = await fetch(`${url}/ebay/ws/api.dll`, {
    method: "POST",
    headers: {
      "content-type": "text/xml",
      "x-ebay-api-call-name": callName,
      "x-ebay-api-siteid": "0",
      "x-ebay-api-compatibility-level": "1349",
      ...(token ? { "x-ebay-api-iaf-token": token } : {}),
      ...headers,
    },
    body: `<?xml version="1.0" encoding="utf-8"?><${callName}Request xmlns="urn:ebay:apis:eBLBaseComponents">${inner}</${callName}Request>`,
  });
  const xml = await res.text();
  const doc = parser.parse(xml) as Record<string, unknown>;
  const root = Object.keys(doc).find((k) => k !== "?xml") ?? "";
  return { status: res.status, root, body: doc[root] as TradingAnswer["body"], xml };
}

export const errorCodes = (a: TradingAnswer) => (a.body.Errors ?? []).map((e) => Number(e.ErrorCode));
