import type { Sandbox } from "./context";
import { header, parseJson, type Handler, type Req, type Res } from "./http";
import { findOperation, type OpenApiOperation, type SpecName } from "./spec";
import { specValidator, type ParsedRequest } from "./spec-validator";
import { countCall } from "./stats";
import type { Marketplace } from "./state";

// One request path for every emulated API, in the order the real gateways apply it:
// route by the spec -> count -> API key and rate limit -> injected fault -> OAuth ->
// request validated against the spec -> the operation's handler.

/** `raw` is the body as sent (before spec coercion), for rules about what the client sent. */
export type ApiCall = { sb: Sandbox; req: Req; input: ParsedRequest; raw: unknown; subject: string | null };
export type ApiHandler = (call: ApiCall) => Res;

export type Admission = { ok: true; headers: Record<string, string> } | { ok: false; res: Res };
export type Authentication = { ok: true; subject: string | null } | { ok: false; res: Res };

export type ApiDefinition = {
  /** The OpenAPI-described channels (Shopify's GraphQL endpoint has its own path: shopify/graphql.ts). */
  marketplace: Exclude<Marketplace, "shopify">;
  spec: SpecName;
  /** The sandbox path that stands for the API's base URL, e.g. /etsy or /ebay/sell/inventory/v1. */
  prefix: string;
  handlers: Partial<Record<string, ApiHandler>>;
  /** The marketplace's error body for a status (e.g. Etsy { error }, eBay { errors: [...] }). */
  error: (status: number, message: string) => Res;
  admit: (sb: Sandbox, req: Req) => Admission;
  authenticate: (sb: Sandbox, req: Req, op: OpenApiOperation) => Authentication;
};

function withHeaders(res: Res, headers: Record<string, string>): Res {
  return { ...res, headers: { ...headers, ...res.headers } };
}

function parseBody(req: Req, op: OpenApiOperation): { ok: true; value: unknown } | { ok: false; message: string } {
  if (!op.requestBody || req.body === "") return { ok: true, value: undefined };
  const type = header(req, "content-type") ?? "";
  if (type.includes("application/x-www-form-urlencoded")) return { ok: true, value: Object.fromEntries(new URLSearchParams(req.body)) };
  return parseJson(req.body);
}

export function apiHandler(def: ApiDefinition): Handler {
  const validator = specValidator(def.spec);
  return (req) => {
    const sb = req.sandbox;
    const path = req.path.slice(def.prefix.length) || "/";
    const found = findOperation(validator.spec, req.method, path);
    if (found === null) return def.error(404, `Resource not found: ${req.method} ${req.path}`);
    if (found === "method_not_allowed") return def.error(405, `Method ${req.method} is not allowed on ${req.path}`);
    const op = found.op.operation;
    countCall(sb.stats, def.marketplace, op.operationId);
    const admitted = def.admit(sb, req);
    if (!admitted.ok) {
      if (admitted.res.status === 429) sb.stats[def.marketplace].rate_limited += 1;
      return admitted.res;
    }
    const respond = (res: Res) => withHeaders(res, admitted.headers);
    const fault = sb.faults.fire(def.marketplace, path);
    if (fault?.kind === "rate_limit") {
      sb.stats[def.marketplace].rate_limited += 1;
      return respond(withHeaders(def.error(429, "Too many requests. The request limit has been reached for the resource."), { "retry-after": "1" }));
    }
    if (fault?.kind === "server_error") return respond(def.error(500, "A system error has occurred."));
    if (fault?.kind === "timeout") return respond({ ...def.error(504, "Gateway Timeout"), delayMs: sb.config.timeoutMs });
    if (fault?.kind === "malformed") return respond({ status: 200, raw: { body: '{"count":1,"results":[{"id":', contentType: "application/json" } });
    const handler = def.handlers[op.operationId];
    if (!handler) return respond(def.error(501, `The sandbox does not emulate ${op.operationId}.`));
    const auth = def.authenticate(sb, req, op);
    if (!auth.ok) return respond(auth.res);
    const body = parseBody(req, op);
    if (!body.ok) return respond(def.error(400, body.message));
    const input = validator.validateRequest(op.operationId, { pathParams: found.pathParams, query: req.query, headers: req.headers, body: body.value });
    if (!input.ok) return respond(def.error(400, input.message));
    return respond(handler({ sb, req, input, raw: body.value, subject: auth.subject }));
  };
}
