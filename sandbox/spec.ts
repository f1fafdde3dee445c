import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { matchParts } from "./router";

// The official OpenAPI files drive routing, request validation and operation names.

export type SpecName = "etsy" | "ebay-inventory" | "ebay-fulfillment";

export type JsonSchema = { [key: string]: unknown };

export type OpenApiParameter = { name: string; in: "path" | "query" | "header" | "cookie"; required?: boolean; schema?: JsonSchema };

export type OpenApiOperation = {
  operationId: string;
  parameters?: OpenApiParameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { content?: Record<string, { schema: JsonSchema }> }>;
  security?: Record<string, string[]>[];
};

export type OpenApiDoc = {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, JsonSchema> };
};

export type SpecOperation = { method: string; template: string; parts: string[]; literals: number; operation: OpenApiOperation };

export type Spec = { name: SpecName; doc: OpenApiDoc; operations: SpecOperation[]; byId: Map<string, SpecOperation> };

const files: Record<SpecName, string> = {
  etsy: "etsy-openapi-v3.json",
  "ebay-inventory": "ebay-sell-inventory-v1.json",
  "ebay-fulfillment": "ebay-sell-fulfillment-v1.json",
};

const cache = new Map<SpecName, Spec>();

/** Aspects as eBay sends and accepts them: { "Brand": ["GoPro"] }. */
export const ASPECTS_SCHEMA: JsonSchema = { type: "object", additionalProperties: { type: "array", items: { type: "string" } } };

/**
 * Known mistakes in the official files, corrected when they are loaded (the files stay as
 * published). Sell Inventory 1.18.4 declares Product.aspects a string, while its own
 * description shows the object eBay sends ("aspects": { "Brand": ["GoPro"] }) and
 * version 1.13.0 declared that object.
 */
const errata: Partial<Record<SpecName, (doc: OpenApiDoc) => void>> = {
  "ebay-inventory": (doc) => {
    const product = doc.components.schemas.Product as { properties?: Record<string, JsonSchema> } | undefined;
    if (product?.properties?.aspects) product.properties.aspects = { ...ASPECTS_SCHEMA, description: product.properties.aspects.description };
  },
};

export function loadSpec(name: SpecName): Spec {
  const cached = cache.get(name);
  if (cached) return cached;
  const doc = JSON.parse(readFileSync(fileURLToPath(new URL(`../openapi/${files[name]}`, import.meta.url)), "utf8")) as OpenApiDoc;
  errata[name]?.(doc);
  const operations: SpecOperation[] = [];
  for (const [template, methods] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      if (!operation || typeof operation !== "object" || !("operationId" in operation)) continue;
      const parts = template.split("/").filter(Boolean);
      operations.push({ method: method.toUpperCase(), template, parts, literals: parts.filter((p) => !p.startsWith("{")).length, operation });
    }
  }
  operations.sort((a, b) => b.literals - a.literals);
  const spec: Spec = { name, doc, operations, byId: new Map(operations.map((o) => [o.operation.operationId, o])) };
  cache.set(name, spec);
  return spec;
}

export type FoundOperation = { op: SpecOperation; pathParams: Record<string, string> };

/** The spec operation for a request path (relative to the API base), or why there is none. */
export function findOperation(spec: Spec, method: string, path: string): FoundOperation | "method_not_allowed" | null {
  const segs = path.split("/").filter(Boolean);
  let pathMatched = false;
  for (const op of spec.operations) {
    const params = matchParts(op.parts, segs);
    if (!params) continue;
    pathMatched = true;
    if (op.method === method) return { op, pathParams: params };
  }
  return pathMatched ? "method_not_allowed" : null;
}
