import { createHash } from "node:crypto";
import { getDirectiveValues, GraphQLError, type GraphQLResolveInfo } from "graphql";
import { nextId, nowMs } from "../state";
import type { ShopifyContext } from "./resolvers";
import { adjustAvailable, gid, parseGid, shopifyState, variantByInventoryItem, type ShopifyLocation, type ShopifyVariant } from "./store";
import { sendInventoryLevelUpdate } from "./webhooks";

// inventorySetQuantities and inventoryAdjustQuantities with 2026-04 semantics:
// - every quantity must carry `changeFromQuantity` (an explicit null opts out); a value that
//   differs from the current one fails the whole mutation with CHANGE_FROM_QUANTITY_STALE,
//   nothing applied (compare-and-set);
// - the mutation needs `@idempotent(key:)`: the same key with the same input answers what the
//   first call answered without applying it again; with another input it is refused.
// shopify.dev/docs/api/admin-graphql/2026-04/mutations/inventorySetQuantities

const REASONS = new Set([
  "correction", "cycle_count_available", "damaged", "movement_canceled", "movement_created", "movement_received", "movement_updated",
  "other", "promotion", "quality_control", "received", "reservation_created", "reservation_deleted", "reservation_updated", "restock", "safety_stock", "shrinkage",
]);
const MAX_QUANTITY = 1_000_000_000;

type UserError = { field: string[]; message: string; code: string };
type Change = { variant: ShopifyVariant; location: ShopifyLocation; delta: number };

type QuantityRow = { inventoryItemId: string; locationId: string; quantity?: number; delta?: number; changeFromQuantity?: number | null };
type Input = { name: string; reason: string; referenceDocumentUri?: string | null; quantities?: QuantityRow[]; changes?: QuantityRow[] };

function idempotencyKey(info: GraphQLResolveInfo): string | null {
  const directive = info.schema.getDirective("idempotent");
  const node = info.fieldNodes[0];
  if (!directive || !node) return null;
  const values = getDirectiveValues(directive, node, info.variableValues) as { key?: string } | undefined;
  return values?.key ?? null;
}

/** Validates every row and computes the changes; any user error means nothing is applied. */
function plan(ctx: ShopifyContext, input: Input, listName: "quantities" | "changes"): { changes: Change[] } | { errors: UserError[] } {
  const errors: UserError[] = [];
  const rows = input[listName] ?? [];
  if (input.name !== "available") errors.push({ field: ["input", "name"], message: "The quantity name must be available: the sandbox models only available quantities.", code: "INVALID_NAME" });
  if (!REASONS.has(input.reason)) errors.push({ field: ["input", "reason"], message: `The reason ${input.reason} is not a valid inventory reason.`, code: "INVALID_REASON" });
  const seen = new Set<string>();
  const changes: Change[] = [];
  rows.forEach((row, i) => {
    const field = (f: string) => ["input", listName, String(i), f];
    const variant = variantByInventoryItem(ctx.shop, parseGid("InventoryItem", row.inventoryItemId) ?? -1);
    const location = ctx.shop.locations.find((l) => l.id === parseGid("Location", row.locationId));
    if (!("changeFromQuantity" in row))
      return errors.push({ field: field("changeFromQuantity"), message: "changeFromQuantity is required: pass the quantity you expect, or null to skip the check.", code: "COMPARE_QUANTITY_REQUIRED" });
    if (!variant) return errors.push({ field: field("inventoryItemId"), message: "The specified inventory item could not be found.", code: "INVALID_INVENTORY_ITEM" });
    if (!location) return errors.push({ field: field("locationId"), message: "The specified location could not be found.", code: "INVALID_LOCATION" });
    const pair = `${variant.inventoryItemId}:${location.id}`;
    if (seen.has(pair)) return errors.push({ field: field("inventoryItemId"), message: "The combination of inventoryItemId and locationId must be unique.", code: "NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR" });
    seen.add(pair);
    const current = variant.levels[String(location.id)];
    if (current === undefined) return errors.push({ field: field("locationId"), message: "The specified inventory item is not stocked at the location.", code: "ITEM_NOT_STOCKED_AT_LOCATION" });
    if (row.changeFromQuantity !== null && row.changeFromQuantity !== undefined && row.changeFromQuantity !== current)
      return errors.push({ field: field("changeFromQuantity"), message: "The specified compare quantity does not match the current quantity.", code: "CHANGE_FROM_QUANTITY_STALE" });
    const after = listName === "quantities" ? (row.quantity ?? 0) : current + (row.delta ?? 0);
    if (after < 0 && listName === "quantities") return errors.push({ field: field("quantity"), message: "The quantity can't be negative.", code: "INVALID_QUANTITY_NEGATIVE" });
    if (after > MAX_QUANTITY) return errors.push({ field: field(listName === "quantities" ? "quantity" : "delta"), message: "The quantity can't be higher than 1,000,000,000.", code: "INVALID_QUANTITY_TOO_HIGH" });
    changes.push({ variant, location, delta: after - current });
  });
  return errors.length ? { errors } : { changes };
}

function apply(ctx: ShopifyContext, input: Input, changes: Change[]) {
  const { sb, shop } = ctx;
  const at = new Date(nowMs(sb.state)).toISOString();
  const applied = changes.map((c) => ({ ...c, after: adjustAvailable(sb, shop, c.variant, c.location.id, c.delta) }));
  // Shopify tells subscribers about every level that moved, the app's own writes included.
  for (const c of applied) if (c.delta !== 0) sendInventoryLevelUpdate(sb, shop, c.variant, c.location);
  return {
    __typename: "InventoryAdjustmentGroup",
    id: gid("InventoryAdjustmentGroup", nextId(sb.state, "shopifyAdjustment")),
    createdAt: at,
    reason: input.reason,
    referenceDocumentUri: input.referenceDocumentUri ?? null,
    changes: applied.map((c) => ({
      __typename: "InventoryChange",
      name: input.name,
      delta: c.delta,
      quantityAfterChange: c.after,
      item: { __typename: "InventoryItem", id: gid("InventoryItem", c.variant.inventoryItemId) },
      location: { __typename: "Location", id: gid("Location", c.location.id) },
    })),
  };
}

function idempotentMutation(ctx: ShopifyContext, mutation: string, listName: "quantities" | "changes") {
  return ({ input }: { input: Input }, _context: unknown, info: GraphQLResolveInfo) => {
    const key = idempotencyKey(info);
    if (!key || !key.trim())
      throw new GraphQLError(`The @idempotent directive with a non-blank key is required for ${mutation} since API version 2026-04.`, { extensions: { code: "BAD_REQUEST" } });
    const store = shopifyState(ctx.sb.state).idempotency;
    const fingerprint = createHash("sha256").update(`${ctx.shop.domain}|${mutation}|${JSON.stringify(input)}`).digest("hex");
    const storeKey = `${ctx.shop.domain}|${key}`;
    const earlier = store[storeKey];
    if (earlier) {
      if (earlier.fingerprint === fingerprint) return earlier.response;
      return { inventoryAdjustmentGroup: null, userErrors: [{ field: ["input"], message: "The idempotency key was used before with different parameters.", code: "IDEMPOTENCY_KEY_PARAMETER_MISMATCH" }] };
    }
    const planned = plan(ctx, input, listName);
    const response = "errors" in planned ? { inventoryAdjustmentGroup: null, userErrors: planned.errors } : { inventoryAdjustmentGroup: apply(ctx, input, planned.changes), userErrors: [] };
    store[storeKey] = { shop: ctx.shop.domain, fingerprint, response, at: nowMs(ctx.sb.state) };
    ctx.sb.changed();
    return response;
  };
}

export const inventorySetQuantities = (ctx: ShopifyContext) => idempotentMutation(ctx, "inventorySetQuantities", "quantities");
export const inventoryAdjustQuantities = (ctx: ShopifyContext) => idempotentMutation(ctx, "inventoryAdjustQuantities", "changes");
