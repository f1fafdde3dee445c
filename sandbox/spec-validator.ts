import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { loadSpec, type JsonSchema, type OpenApiParameter, type Spec, type SpecName } from "./spec";

// Validates requests and responses against the official OpenAPI 3.0 files with ajv.
// OpenAPI 3.0 is not JSON Schema: `nullable` becomes a null type, `#/components` refs
// are rebased onto one shared schema, and OpenAPI-only keywords are dropped.
// `closed: true` also forbids properties the spec does not list (the contract tests
// use it so a misspelled field in a sandbox payload fails).

export type ValidationResult = { ok: true } | { ok: false; message: string };

export type ParsedRequest = { path: Record<string, unknown>; query: Record<string, unknown>; header: Record<string, unknown>; body: unknown };

export type RequestInput = {
  pathParams: Record<string, string>;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  /** Already parsed (JSON or form); undefined when the request has no body. */
  body: unknown;
};

const dropped = new Set(["nullable", "example", "examples", "discriminator", "xml", "externalDocs", "deprecated", "readOnly", "writeOnly"]);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function convert(node: unknown, base: string, closed: boolean, formats: Set<string>): unknown {
  if (Array.isArray(node)) return node.map((n) => convert(n, base, closed, formats));
  if (!isObject(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (dropped.has(k) || k.startsWith("x-")) continue;
    if (k === "$ref" && typeof v === "string" && v.startsWith("#/")) out.$ref = `${base}${v}`;
    else if (k === "properties" && isObject(v)) {
      out.properties = Object.fromEntries(Object.entries(v).map(([name, s]) => [name, convert(s, base, closed, formats)]));
    } else if (k === "format" && typeof v === "string") {
      formats.add(v);
      out.format = v;
    } else out[k] = convert(v, base, closed, formats);
  }
  if (closed && isObject(out.properties) && out.additionalProperties === undefined && !out.allOf && !out.anyOf && !out.oneOf) {
    out.additionalProperties = false;
  }
  if (node.nullable === true) {
    if (typeof out.type === "string") {
      out.type = [out.type, "null"];
      if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
    } else return { anyOf: [out, { type: "null" }] };
  }
  return out;
}

/**
 * How a marketplace reads query arrays and words its refusals.
 * - queryArrays "comma": only `ids=1,2,3`; a repeated key is refused as Etsy refuses it
 *   ("Expected int value for 'listing_ids'", github.com/anitabyte/etsyv3 PR 11).
 *   "comma-or-repeat": both forms are read (eBay).
 * - messages "etsy": Etsy's wording ("Missing required parameter: x", "Expected float value
 *   for 'price'", etsy/open-api issue 385); "path": the failing path and ajv's message.
 */
export type Dialect = { queryArrays: "comma" | "comma-or-repeat"; messages: "etsy" | "path" };

const dialects: Record<SpecName, Dialect> = {
  etsy: { queryArrays: "comma", messages: "etsy" },
  "ebay-inventory": { queryArrays: "comma-or-repeat", messages: "path" },
  "ebay-fulfillment": { queryArrays: "comma-or-repeat", messages: "path" },
};

const etsyTypeNames: Record<string, string> = { integer: "int", number: "float", boolean: "boolean", string: "string", array: "array", object: "object" };

const etsyType = (type: unknown): string => etsyTypeNames[String(Array.isArray(type) ? type[0] : type)] ?? String(type);

function describePath(e: ErrorObject): string {
  const where = e.instancePath.replace(/^\//, "").replace(/\//g, ".");
  const extra = e.keyword === "additionalProperties" ? ` (${String((e.params as { additionalProperty?: string }).additionalProperty)})` : "";
  return `${where || "value"} ${e.message ?? "is invalid"}${extra}`.replace(/^(path|query|header)\./, "");
}

function describeEtsy(e: ErrorObject): string {
  const name = e.instancePath.split("/").filter((seg) => seg && !/^\d+$/.test(seg) && !["path", "query", "header"].includes(seg)).pop() ?? "value";
  const params = e.params as { missingProperty?: string; type?: unknown; allowedValues?: unknown[]; comparison?: string; limit?: number };
  switch (e.keyword) {
    case "required":
      return `Missing required parameter: ${String(params.missingProperty)}`;
    case "type":
      return `Expected ${etsyType(params.type)} value for '${name}'`;
    case "enum":
      return `'${String(e.data)}' is not a valid value for '${name}'. Acceptable values are: ${(params.allowedValues ?? []).filter((v) => v !== null).join(", ")}.`;
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return `'${name}' must be ${String(params.comparison)} ${String(params.limit)}`;
    default:
      return `Invalid value for '${name}': ${e.message ?? "is invalid"}`;
  }
}

function describe(errors: ErrorObject[] | null | undefined, messages: Dialect["messages"] = "path"): string {
  const e = errors?.[0];
  if (!e) return "invalid";
  return messages === "etsy" ? describeEtsy(e) : describePath(e);
}

export class SpecValidator {
  readonly spec: Spec;
  private strictAjv: Ajv;
  private coercingAjv: Ajv;
  private base: string;
  private responseCache = new Map<string, ValidateFunction>();
  /** `arrays`: each array query parameter and its items' type. */
  private requestCache = new Map<string, { params: ValidateFunction; body: ValidateFunction | null; arrays: Map<string, unknown> }>();
  private closed: boolean;
  readonly dialect: Dialect;
  private formats = new Set<string>();

  constructor(name: SpecName, options: { closed?: boolean } = {}) {
    this.spec = loadSpec(name);
    this.closed = options.closed ?? false;
    this.dialect = dialects[name];
    this.base = `${name}.json`;
    const components = convert(this.spec.doc.components, this.base, this.closed, this.formats);
    this.strictAjv = this.makeAjv(false, components);
    this.coercingAjv = this.makeAjv("array", components);
  }

  private makeAjv(coerceTypes: false | "array", components: unknown): Ajv {
    // verbose: errors carry the offending value, which Etsy's messages quote.
    const ajv = new Ajv({ strict: false, allErrors: false, coerceTypes, logger: false, verbose: true });
    addFormats(ajv);
    // OpenAPI's numeric formats are not JSON Schema formats; accept them as types already constrain values.
    for (const f of ["int32", "int64", "float", "double", "byte", "binary", "password"]) ajv.addFormat(f, true);
    ajv.addSchema({ $id: this.base, components });
    return ajv;
  }

  private schemaFor(node: JsonSchema): unknown {
    const formats = new Set<string>();
    const out = convert(node, this.base, this.closed, formats);
    for (const f of formats) {
      if (this.formats.has(f) || this.strictAjv.formats[f]) continue;
      this.formats.add(f);
      this.strictAjv.addFormat(f, true);
      this.coercingAjv.addFormat(f, true);
    }
    return out;
  }

  /** Validates a value against a named component schema, e.g. "ErrorSchema" or "Order". */
  validateComponent(name: string, value: unknown): ValidationResult {
    return this.run(`component:${name}`, () => ({ $ref: `${this.base}#/components/schemas/${name}` }), value);
  }

  /** Validates a response body against the operation's response schema for that status. */
  validateResponse(operationId: string, status: number, body: unknown): ValidationResult {
    const op = this.spec.byId.get(operationId);
    if (!op) return { ok: false, message: `unknown operation ${operationId}` };
    const declared = op.operation.responses[String(status)];
    // eBay answers 207 Multi-Status with the 200 body; the spec declares the status without a schema.
    const schema = declared?.content?.["application/json"]?.schema ?? (status === 207 ? op.operation.responses["200"]?.content?.["application/json"]?.schema : undefined);
    if (schema) return this.run(`response:${operationId}:${status}`, () => this.schemaFor(schema), body);
    if (status === 204) return body === undefined || body === "" ? { ok: true } : { ok: false, message: "204 must have no body" };
    if (status < 400) return { ok: false, message: `the spec declares no ${status} body for ${operationId}` };
    return this.validateError(body);
  }

  /** The error body shape: Etsy's ErrorSchema, or eBay's { errors: [Error] }. */
  validateError(body: unknown): ValidationResult {
    if (this.spec.name === "etsy") return this.validateComponent("ErrorSchema", body);
    return this.run(
      "ebay-errors",
      () => ({
        type: "object",
        required: ["errors"],
        properties: { errors: { type: "array", minItems: 1, items: { $ref: `${this.base}#/components/schemas/Error` } } },
        ...(this.closed ? { additionalProperties: false } : {}),
      }),
      body,
    );
  }

  private run(key: string, build: () => unknown, value: unknown): ValidationResult {
    let fn = this.responseCache.get(key);
    if (!fn) {
      fn = this.strictAjv.compile(build() as object);
      this.responseCache.set(key, fn);
    }
    return fn(value) ? { ok: true } : { ok: false, message: describe(fn.errors) };
  }

  /** Checks parameters and body against the spec; coerces query/path strings to their declared types. */
  validateRequest(operationId: string, input: RequestInput): ({ ok: true } & ParsedRequest) | { ok: false; message: string } {
    const op = this.spec.byId.get(operationId);
    if (!op) return { ok: false, message: `unknown operation ${operationId}` };
    let compiled = this.requestCache.get(operationId);
    if (!compiled) {
      const params = (op.operation.parameters ?? []).filter((p): p is OpenApiParameter => "in" in p);
      const group = (where: string) => {
        const ps = params.filter((p) => p.in === where);
        return {
          type: "object",
          properties: Object.fromEntries(ps.map((p) => [where === "header" ? p.name.toLowerCase() : p.name, this.schemaFor(p.schema ?? {})])),
          required: ps.filter((p) => p.required).map((p) => (where === "header" ? p.name.toLowerCase() : p.name)),
        };
      };
      const paramsSchema = { type: "object", properties: { path: group("path"), query: group("query"), header: group("header") } };
      const bodySchema = op.operation.requestBody ? Object.values(op.operation.requestBody.content)[0]?.schema : undefined;
      compiled = {
        params: this.coercingAjv.compile(paramsSchema),
        body: bodySchema ? this.coercingAjvOrStrict(op.operation.requestBody?.content, bodySchema) : null,
        arrays: new Map(params.filter((p) => p.in === "query" && p.schema?.type === "array").map((p) => [p.name, (p.schema?.items as JsonSchema | undefined)?.type])),
      };
      this.requestCache.set(operationId, compiled);
    }
    const query: Record<string, unknown> = {};
    for (const key of new Set(input.query.keys())) {
      if (compiled.arrays.has(key)) {
        const values = input.query.getAll(key);
        if (values.length > 1 && this.dialect.queryArrays === "comma") return { ok: false, message: `Expected ${etsyType(compiled.arrays.get(key))} value for '${key}'` };
        query[key] = values.flatMap((v) => v.split(",")).filter(Boolean);
      } else query[key] = input.query.get(key);
    }
    const header: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(input.headers)) if (v !== undefined) header[k.toLowerCase()] = Array.isArray(v) ? v[0] : v;
    const data = { path: { ...input.pathParams } as Record<string, unknown>, query, header };
    if (!compiled.params(data)) return { ok: false, message: describe(compiled.params.errors, this.dialect.messages) };
    let body = input.body;
    if (compiled.body) {
      if (body === undefined) {
        if (op.operation.requestBody?.required) return { ok: false, message: "Missing request body." };
      } else {
        body = structuredClone(body);
        if (!compiled.body(body)) return { ok: false, message: describe(compiled.body.errors, this.dialect.messages) };
      }
    }
    return { ok: true, path: data.path, query: data.query, header: data.header, body };
  }

  // Form-encoded bodies arrive as strings and are coerced like query strings; JSON is checked as sent.
  private coercingAjvOrStrict(content: Record<string, unknown> | undefined, schema: JsonSchema): ValidateFunction {
    const isForm = content ? Object.keys(content).some((c) => c.includes("x-www-form-urlencoded")) : false;
    return (isForm ? this.coercingAjv : this.strictAjv).compile(this.schemaFor(schema) as object);
  }
}

const shared = new Map<string, SpecValidator>();

/** One validator per spec and mode, compiled lazily and reused. */
export function specValidator(name: SpecName, options: { closed?: boolean } = {}): SpecValidator {
  const key = `${name}:${options.closed ? "closed" : "open"}`;
  let v = shared.get(key);
  if (!v) {
    v = new SpecValidator(name, options);
    shared.set(key, v);
  }
  return v;
}
