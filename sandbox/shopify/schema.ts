import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildSchema, type GraphQLSchema } from "graphql";

// The official Admin API schema (schemas/shopify, with its provenance): every query the
// sandbox receives is validated against it and executed over it. Built once per process
// (about half a second for 3,278 types); the file itself was checked when it was vendored,
// so its SDL is not validated again.

export const SHOPIFY_SANDBOX_API_VERSION = "2026-04";

const file = fileURLToPath(new URL("../../schemas/shopify/admin-2026-04.graphql", import.meta.url));
let built: GraphQLSchema | null = null;

export function adminSchema(): GraphQLSchema {
  built ??= buildSchema(readFileSync(file, "utf8"), { assumeValidSDL: true });
  return built;
}
