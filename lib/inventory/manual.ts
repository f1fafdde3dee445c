import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { retryingTransaction } from "@/db/retry";
import { products } from "@/db/schema";
import { NotFound } from "@/lib/errors";
import { onStockChanged } from "@/lib/sync/triggers";
import { parseInput } from "@/lib/parse-input";
import { assertRole, type OrgContext } from "@/lib/tenancy/context";
import { applyMovement, applyMovementAlone, type MovementInput, type MovementResult } from "./ledger";

const quantity = z.coerce.number({ error: "Enter a whole number." }).int("Enter a whole number.");
const change = {
  set: quantity.min(0, "Stock cannot be negative.").max(1_000_000).optional(),
  delta: quantity.min(-1_000_000).max(1_000_000).optional(),
  reason: z
    .string()
    .trim()
    .max(200, "Keep the reason under 200 characters.")
    .optional()
    .transform((s) => s || undefined),
};
const oneOf = (v: { set?: number; delta?: number }) => (v.set === undefined) !== (v.delta === undefined);
const oneOfMessage = { message: "Either set a new on-hand value or adjust by ±n.", path: ["set"] };

export const manualAdjustmentInput = z.object({ productId: z.uuid(), ...change }).refine(oneOf, oneOfMessage);
export type ManualAdjustmentInput = z.input<typeof manualAdjustmentInput>;

export const bulkAdjustmentInput = z
  .object({ productIds: z.array(z.uuid()).min(1, "Select at least one product.").max(500, "Edit at most 500 products at once."), ...change })
  .refine(oneOf, oneOfMessage);
export type BulkAdjustmentInput = z.input<typeof bulkAdjustmentInput>;

export type AdjustmentResult = { productId: string; sku: string; onHandBefore: number; onHand: number; delta: number };

// The ledger computes a "set" edit's delta from the on-hand value under its row lock,
// which no one else can change until we commit: concurrent edits serialize and both
// are kept as movements.
function manualMovement(ctx: OrgContext, productId: string, c: { set?: number; delta?: number; reason?: string }): MovementInput {
  return {
    orgId: ctx.orgId,
    productId,
    delta: c.set !== undefined ? { set: c.set } : (c.delta ?? 0),
    refuseNegative: true,
    reason: "manual",
    sourceKey: `manual:${randomUUID()}`,
    actor: { type: "user", id: ctx.userId },
    note: c.reason ?? null,
    audit: { action: "stock.manual_edit", userId: ctx.userId, after: { reason: c.reason ?? null } },
  };
}

const asResult = (productId: string, r: MovementResult): AdjustmentResult => ({ productId, sku: r.sku, onHandBefore: r.onHandBefore, onHand: r.onHand, delta: r.delta });

/** A person sets or adjusts one product's stock; every linked channel is then pushed. */
export async function recordManualAdjustment(ctx: OrgContext, input: ManualAdjustmentInput): Promise<AdjustmentResult> {
  assertRole(ctx, "manager");
  const v = parseInput(manualAdjustmentInput, input);
  // One product, nothing else written beside it: the movement commits by itself.
  const result = asResult(v.productId, await applyMovementAlone(manualMovement(ctx, v.productId, v)));
  await onStockChanged(ctx.orgId, [v.productId]);
  return result;
}

/** The same change to every selected product, all or nothing. */
export async function recordBulkAdjustment(ctx: OrgContext, input: BulkAdjustmentInput): Promise<AdjustmentResult[]> {
  assertRole(ctx, "manager");
  const v = parseInput(bulkAdjustmentInput, input);
  const ids = [...new Set(v.productIds)];
  const results = await retryingTransaction(async (tx) => {
    // Lock in id order so two bulk edits over overlapping rows cannot deadlock.
    const found = await tx
      .select({ id: products.id })
      .from(products)
      .where(and(eq(products.orgId, ctx.orgId), inArray(products.id, ids)))
      .orderBy(asc(products.id))
      .for("update");
    if (found.length !== ids.length) throw new NotFound("Some selected products no longer exist. Reload and try again.");
    const out: AdjustmentResult[] = [];
    for (const { id } of found) {
      out.push(asResult(id, await applyMovement(tx, manualMovement(ctx, id, v))));
    }
    return out;
  });
  await onStockChanged(ctx.orgId, ids);
  return results;
}
