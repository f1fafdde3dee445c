import { XMLBuilder, XMLParser } from "fast-xml-parser";
import type { Res } from "../../http";

// The Trading API's XML envelope. Requests are <{Call}Request xmlns="urn:ebay:apis:eBLBaseComponents">,
// answers <{Call}Response> with Timestamp, Ack, Version and Build first, then the payload;
// failures carry <Errors> with ShortMessage, LongMessage, ErrorCode, SeverityCode,
// ErrorParameters and ErrorClassification. eBay answers HTTP 200 even for failures.
// https://developer.ebay.com/devzone/xml/docs/reference/ebay/

export const TRADING_NS = "urn:ebay:apis:eBLBaseComponents";
export const TRADING_VERSION = "1349";
const BUILD = "E1349_CORE_APISELLING_19187371_R1";

/** Elements that repeat in requests and must always parse as arrays. */
const REPEATED = new Set(["InventoryStatus", "NameValueList", "Value", "Variation", "Item", "Errors", "ErrorParameters", "ApiAccessRule", "NotificationEnable"]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => REPEATED.has(name),
});

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: "@_", suppressBooleanAttributes: false });

export type XmlNode = { [key: string]: unknown };

/** The request element's children, or null when the body is not the call's request document. */
export function parseRequest(body: string, callName: string): XmlNode | null {
  let doc: XmlNode;
  try {
    doc = parser.parse(body, true) as XmlNode;
  } catch {
    return null;
  }
  const root = doc[`${callName}Request`];
  if (root === undefined) return null;
  return root && typeof root === "object" ? (root as XmlNode) : {};
}

export const text = (v: unknown): string | undefined => (typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined);

export function child(node: unknown, name: string): XmlNode | undefined {
  if (!node || typeof node !== "object") return undefined;
  const v = (node as XmlNode)[name];
  return v && typeof v === "object" && !Array.isArray(v) ? (v as XmlNode) : undefined;
}

export function children(node: unknown, name: string): XmlNode[] {
  if (!node || typeof node !== "object") return [];
  const v = (node as XmlNode)[name];
  return Array.isArray(v) ? v.filter((x): x is XmlNode => !!x && typeof x === "object") : [];
}

export type TradingError = {
  code: number;
  short: string;
  long: string;
  severity?: "Error" | "Warning";
  params?: string[];
  classification?: "RequestError" | "SystemError";
};

function errorNode(e: TradingError) {
  return {
    ShortMessage: e.short,
    LongMessage: e.long,
    ErrorCode: String(e.code),
    SeverityCode: e.severity ?? "Error",
    ...(e.params?.length ? { ErrorParameters: e.params.map((value, i) => ({ "@_ParamID": String(i), Value: value })) } : {}),
    ErrorClassification: e.classification ?? "RequestError",
  };
}

/** A Trading answer: Ack is Failure when any error has severity Error, Warning when only warnings. */
export function tradingResponse(callName: string, now: number, payload: XmlNode, errors: TradingError[] = []): Res {
  const failed = errors.some((e) => (e.severity ?? "Error") === "Error");
  const ack = failed ? "Failure" : errors.length ? "Warning" : "Success";
  const doc = {
    "?xml": { "@_version": "1.0", "@_encoding": "UTF-8" },
    [`${callName}Response`]: {
      "@_xmlns": TRADING_NS,
      Timestamp: new Date(now).toISOString(),
      Ack: ack,
      ...(errors.length ? { Errors: errors.map(errorNode) } : {}),
      Version: TRADING_VERSION,
      Build: BUILD,
      ...payload,
    },
  };
  return { status: 200, raw: { body: builder.build(doc) as string, contentType: "text/xml;charset=utf-8" } };
}

export const tradingFailure = (callName: string, now: number, error: TradingError): Res => tradingResponse(callName, now, {}, [error]);

/** Money as Trading writes it: <StartPrice currencyID="USD">12.0</StartPrice>. */
export const amount = (value: string, currency: string) => ({ "#text": value, "@_currencyID": currency });
