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

function describe(errors: ErrorObject[] | null | undefined): string {
  const e = errors?.[0];
  if (!e) return "invalid";
  const where = e.instancePath.replace(/^\//, "").replace(/\//g, ".");
  const extra = e.keyword === "additionalProperties" ? ` (${String((e.params as { additionalProperty?: string }).additionalProperty)})` : "";
  return `${where || "value"} ${e.message ?? "is invalid"}${extra}`;
}

export class SpecValidator {
  readonly spec: Spec;
  private strictAjv: Ajv;
  private coercingAjv: Ajv;
  private base: string;
  private responseCache = new Map<string, ValidateFunction>();
  private requestCache = new Map<string, { params: ValidateFunction; body: ValidateFunction | null; arrays: Set<string> }>();
  private closed: boolean;
  private formats = new Set<string>();

  constructor(name: SpecName, options: { closed?: boolean } = {}) {
    this.spec = loadSpec(name);
    this.closed = options.closed ?? false;
    this.base = `${name}.json`;
    const components = convert(this.spec.doc.components, this.base, this.closed, this.formats);
    this.strictAjv = this.makeAjv(false, components);
    this.coercingAjv = this.makeAjv("array", components);
  }

  private makeAjv(coerceTypes: false | "array", components: unknown): Ajv {
    const ajv = new Ajv({ strict: false, allErrors: false, coerceTypes, logger: false });
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
    const schema = declared?.content?.["application/json"]?.schema;
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
        arrays: new Set(params.filter((p) => p.in === "query" && p.schema?.type === "array").map((p) => p.name)),
      };
      this.requestCache.set(operationId, compiled);
    }
    const query: Record<string, unknown> = {};
    for (const key of new Set(input.query.keys())) {
      if (compiled.arrays.has(key)) query[key] = input.query.getAll(key).flatMap((v) => v.split(",")).filter(Boolean);
      else query[key] = input.query.get(key);
    }
    const header: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(input.headers)) if (v !== undefined) header[k.toLowerCase()] = Array.isArray(v) ? v[0] : v;
    const data = { path: { ...input.pathParams } as Record<string, unknown>, query, header };
    if (!compiled.params(data)) return { ok: false, message: describe(compiled.params.errors).replace(/^(path|query|header)\./, "") };
    let body = input.body;
    if (compiled.body) {
      if (body === undefined) {
        if (op.operation.requestBody?.required) return { ok: false, message: "Missing request body." };
      } else {
        body = structuredClone(body);
        if (!compiled.body(body)) return { ok: false, message: describe(compiled.body.errors) };
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
