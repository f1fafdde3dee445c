import { XMLBuilder, XMLParser } from "fast-xml-parser";
import { z } from "zod";
import { Unavailable } from "@/lib/errors";

// eBay's Trading API speaks XML (no OpenAPI file exists). Requests are built and
// answers parsed with fast-xml-parser; zod then checks the few fields we read, so a
// changed or truncated answer fails loudly instead of being half-read.
// https://developer.ebay.com/devzone/xml/docs/reference/ebay/

export const TRADING_NS = "urn:ebay:apis:eBLBaseComponents";

/** Elements that may repeat; they always parse as arrays, even when there is one. */
const REPEATED = new Set(["InventoryStatus", "NameValueList", "Value", "Variation", "Item", "Errors", "ErrorParameters", "ApiAccessRule"]);

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_", removeNSPrefix: true, parseTagValue: false, trimValues: true, isArray: (name) => REPEATED.has(name) });
const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: "@_" });

/** The request document for one call: <{Call}Request xmlns=...>fields</{Call}Request>. */
export function tradingRequestXml(callName: string, fields: Record<string, unknown>): string {
  return builder.build({ "?xml": { "@_version": "1.0", "@_encoding": "utf-8" }, [`${callName}Request`]: { "@_xmlns": TRADING_NS, ...fields } }) as string;
}

const errorSchema = z.object({
  ShortMessage: z.string().default(""),
  LongMessage: z.string().default(""),
  ErrorCode: z.coerce.number(),
  SeverityCode: z.enum(["Error", "Warning"]).catch("Error"),
  // <Value> repeats inside NameValueList, so it always parses as an array; a parameter has one.
  ErrorParameters: z
    .array(z.object({ Value: z.array(z.string()).default([]) }).passthrough())
    .default([])
    .transform((ps) => ps.map((p) => ({ Value: p.Value[0] }))),
});
export type TradingErrorEntry = z.infer<typeof errorSchema>;

const envelope = z.object({ Ack: z.enum(["Success", "Warning", "Failure", "PartialFailure"]), Errors: z.array(errorSchema).default([]) }).passthrough();
export type TradingEnvelope = z.infer<typeof envelope>;

/** The <{Call}Response> element; Unavailable when eBay sent something else (an HTML error page, a cut-off body). */
export function parseTradingResponse(callName: string, body: string): TradingEnvelope {
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(body, true) as Record<string, unknown>;
  } catch {
    throw new Unavailable(`eBay sent an unreadable answer to ${callName}. We will try again shortly.`);
  }
  const parsed = envelope.safeParse(doc[`${callName}Response`]);
  if (!parsed.success) throw new Unavailable(`eBay sent an unexpected answer to ${callName}. We will try again shortly.`);
  return parsed.data;
}

/** Fields of an answer, checked against the shape we rely on. */
export function readAnswer<S extends z.ZodType>(schema: S, answer: TradingEnvelope, callName: string): z.infer<S> {
  const parsed = schema.safeParse(answer);
  if (!parsed.success) throw new Unavailable(`eBay's answer to ${callName} was missing fields we need (${parsed.error.issues[0]?.path.join(".") ?? "?"}). We will try again shortly.`);
  return parsed.data;
}

export const errorText = (e: TradingErrorEntry) => `${e.LongMessage.trim() || e.ShortMessage.trim()} (eBay error ${e.ErrorCode})`;
