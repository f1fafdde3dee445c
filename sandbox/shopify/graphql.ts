import { execute, getOperationAST, GraphQLError, parse, validate, type DocumentNode } from "graphql";
import type { Sandbox } from "../context";
import { header, json, parseJson, type Handler, type Res } from "../http";
import { checkToken } from "../oauth/tokens";
import { countCall, shopifyStats } from "../stats";
import { nowMs } from "../state";
import { CostBucket, requestedCost, type ThrottleStatus } from "./cost";
import { rootValue } from "./resolvers";
import { adminSchema, SHOPIFY_SANDBOX_API_VERSION } from "./schema";
import { shopifyState, type ShopifyShop } from "./store";

// POST /shopify/{shop}/admin/api/{version}/graphql.json, in the order Shopify's edge
// applies it: the shop and version -> count -> injected fault -> access token -> the body
// -> parse and validate against the official schema (invalid queries cost nothing and
// answer 200 with `errors`) -> the cost against the shop's bucket (THROTTLED when it does not
// fit) -> execute over the stored shop. Every answer that ran carries `extensions.cost`.

const throttledDocs = "https://shopify.dev/api/usage/rate-limits";

const buckets = new WeakMap<object, Map<string, CostBucket>>();

function bucketFor(sb: Sandbox, domain: string): CostBucket {
  const state = shopifyState(sb.state);
  let byShop = buckets.get(state);
  if (!byShop) buckets.set(state, (byShop = new Map()));
  let bucket = byShop.get(domain);
  if (!bucket) byShop.set(domain, (bucket = new CostBucket(sb.config.shopify.bucketSize, sb.config.shopify.restorePerSecond, nowMs(sb.state))));
  return bucket;
}

const graphqlErrors = (errors: readonly GraphQLError[], code: string): Res =>
  json(200, { errors: errors.map((e) => ({ message: e.message, ...(e.locations ? { locations: e.locations } : {}), ...(e.path ? { path: e.path } : {}), extensions: { code, ...e.extensions } })) });

const costExtension = (requested: number, actual: number | null, throttleStatus: ThrottleStatus) => ({ cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus } });

function fault(sb: Sandbox, path: string, bucket: CostBucket): Res | null {
  const f = sb.faults.fire("shopify", path);
  if (!f) return null;
  if (f.kind === "rate_limit") {
    shopifyStats(sb.stats).throttled += 1;
    return json(200, { errors: [{ message: "Throttled", extensions: { code: "THROTTLED", documentation: throttledDocs } }], extensions: costExtension(0, null, bucket.status(nowMs(sb.state))) });
  }
  if (f.kind === "server_error") return json(500, { errors: "Internal Server Error" });
  if (f.kind === "timeout") return { ...json(504, { errors: "Gateway Timeout" }), delayMs: sb.config.timeoutMs };
  return { status: 200, raw: { body: '{"data":{"products":{"edges":[{"node":', contentType: "application/json" } };
}

function authenticate(sb: Sandbox, shop: ShopifyShop, token: string | undefined): Res | null {
  const check = checkToken(sb, "shopify", "access", token);
  if (check.ok && check.record.subject === shop.domain) return null;
  return json(401, { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" });
}

type Body = { query: string; variables: Record<string, unknown>; operationName: string | null };

function readBody(raw: string): Body | Res {
  const parsed = parseJson(raw);
  if (!parsed.ok || typeof parsed.value !== "object" || parsed.value === null) return json(400, { errors: { query: "Required parameter missing or invalid" } });
  const b = parsed.value as { query?: unknown; variables?: unknown; operationName?: unknown };
  if (typeof b.query !== "string" || b.query.trim() === "") return json(400, { errors: { query: "Required parameter missing or invalid" } });
  const variables = b.variables && typeof b.variables === "object" && !Array.isArray(b.variables) ? (b.variables as Record<string, unknown>) : {};
  return { query: b.query, variables, operationName: typeof b.operationName === "string" ? b.operationName : null };
}

function peekOperationName(raw: string): string {
  const parsed = parseJson(raw);
  const b = parsed.ok && typeof parsed.value === "object" && parsed.value !== null ? (parsed.value as { operationName?: unknown; query?: unknown }) : {};
  if (typeof b.operationName === "string") return b.operationName;
  return typeof b.query === "string" ? (/^\s*(?:query|mutation)\s+(\w+)/.exec(b.query)?.[1] ?? "") : "";
}

export const shopifyGraphql: Handler = async (req) => {
  const sb = req.sandbox;
  const shop = shopifyState(sb.state).shops[req.params.shop ?? ""];
  if (!shop || req.params.version !== SHOPIFY_SANDBOX_API_VERSION) return json(404, { errors: "Not Found" });
  const bucket = bucketFor(sb, shop.domain);
  // Every query shares one path: a fault's `path` also sees the operation, as `<path>#<operationName>`.
  const faulted = fault(sb, `${req.path}#${peekOperationName(req.body)}`, bucket);
  if (faulted) {
    countCall(sb.stats, "shopify", "graphql");
    return faulted;
  }
  const denied = authenticate(sb, shop, header(req, "x-shopify-access-token"));
  if (denied) return denied;
  const body = readBody(req.body);
  if ("status" in body) return body;

  let doc: DocumentNode;
  try {
    doc = parse(body.query);
  } catch (e) {
    return graphqlErrors([e as GraphQLError], "PARSE_ERROR");
  }
  const schema = adminSchema();
  const invalid = validate(schema, doc);
  if (invalid.length) return graphqlErrors(invalid, "GRAPHQL_VALIDATION_FAILED");
  const op = getOperationAST(doc, body.operationName);
  if (!op) return graphqlErrors([new GraphQLError("An operation name is required when the document has several operations.")], "BAD_REQUEST");
  countCall(sb.stats, "shopify", op.name?.value ?? op.operation);

  const cost = requestedCost(schema, doc, op, body.variables);
  const now = nowMs(sb.state);
  if (cost > sb.config.shopify.maxQueryCost)
    return json(200, {
      errors: [{ message: `Query cost is ${cost}, which exceeds the single query max cost limit (${sb.config.shopify.maxQueryCost}).`, extensions: { code: "MAX_COST_EXCEEDED", cost, maxCost: sb.config.shopify.maxQueryCost } }],
      extensions: costExtension(cost, null, bucket.status(now)),
    });
  if (!bucket.take(cost, now)) {
    shopifyStats(sb.stats).throttled += 1;
    return json(200, { errors: [{ message: "Throttled", extensions: { code: "THROTTLED", documentation: throttledDocs } }], extensions: costExtension(cost, null, bucket.status(now)) });
  }
  shopifyStats(sb.stats).cost_points += cost;
  const result = await execute({ schema, document: doc, operationName: body.operationName, variableValues: body.variables, rootValue: rootValue({ sb, shop }), contextValue: { sb, shop } });
  return json(200, {
    ...(result.data !== undefined ? { data: result.data } : {}),
    ...(result.errors?.length ? { errors: result.errors.map((e) => e.toJSON()) } : {}),
    extensions: costExtension(cost, cost, bucket.status(nowMs(sb.state))),
  });
};
