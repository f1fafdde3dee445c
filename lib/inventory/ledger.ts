import { and, eq, sql } from "drizzle-orm";
import { rowsOf } from "@/db/sets";
import type { DbOrTx } from "@/db/client";
import { products, type MovementReason } from "@/db/schema";
import { auditInsert, recordAudit, type AuditInput } from "@/lib/audit";
import { Invalid, NotFound } from "@/lib/errors";
import { applyBundleOrderMovement } from "./bundle-sale";
import { inBundleColumn, isBundleColumn, refreshBundles } from "./bundle-stock";
import { itemSyncsSql } from "./target-sql";

export type Actor = { type: "user" | "connection" | "system"; id?: string | null };

export type MovementInput = {
  orgId: string;
  productId: string;
  /** A number, or computed from the on-hand value under the row lock (a "set" edit); it may throw to refuse. */
  delta: number | ((locked: { onHand: number; sku: string }) => number);
  reason: MovementReason;
  /** Unique per business event, so a replay never counts twice. */
  sourceKey: string;
  actor: Actor;
  note?: string | null;
  /** A cancellation: the source key of the sale it reverses (a bundle sale gives back what it took). */
  reverses?: string;
  /** The audit event of a person's change, written with the movement (in the same statement while the row is locked). */
  audit?: (r: Omit<MovementResult, "applied">) => AuditInput;
};

export type MovementResult = { applied: boolean; onHand: number; onHandBefore: number; delta: number; sku: string };

/**
 * The only way stock changes: append a movement and move products.on_hand in the same
 * statement set. Must run inside a transaction. A repeated sourceKey is a no-op.
 * Linked channel items are marked pending so the push worker projects the new value (all but
 * "don't sync" ones, which Stockroom never writes), and every bundle containing the product
 * re-derives its stock in the same transaction. A bundle has no stock of its own: its sales move
 * its components, and any other change to it is refused.
 */
export async function applyMovement(tx: DbOrTx, m: MovementInput): Promise<MovementResult> {
  const split = await applyBundleOrderMovement(tx, m);
  if (split) {
    if (split.applied && m.audit) await recordAudit(tx, m.audit(split));
    return split;
  }
  // Lock the product row: concurrent movements on one product serialize here, so
  // on_hand_after is exact and no update is lost.
  const [locked] = await tx
    .select({ onHand: products.onHand, sku: products.sku, bundle: isBundleColumn, component: inBundleColumn })
    .from(products)
    .where(and(eq(products.id, m.productId), eq(products.orgId, m.orgId)))
    .for("update");
  if (!locked) throw new NotFound("That product does not exist in this organization.");

  const delta = typeof m.delta === "function" ? m.delta(locked) : m.delta;
  if (locked.bundle && (SET_BY_HAND.has(m.reason) || (delta !== 0 && m.reason !== "cancel"))) throw new Invalid(bundleStockMessage(locked.sku), { delta: "A bundle's stock comes from its components." });
  const onHandAfter = locked.onHand + delta;
  const before = { onHandBefore: locked.onHand, delta, sku: locked.sku };
  const audit = m.audit ? sql`, audit as (${auditInsert(m.audit({ onHand: onHandAfter, ...before }), sql`exists (select 1 from movement)`)} returning id)` : sql``;
  // One statement: the movement, then (only if it was new and moves stock) on_hand and the
  // linked channel items marked pending. Channel items are locked in id order everywhere (the
  // push does the same), so a movement and a push touching the same items wait for each other
  // instead of deadlocking. created_at is the time the lock was held (clock_timestamp), not the
  // transaction's start: history sorted by created_at reads as the chain of on_hand_after values.
  const [row] = rowsOf<{ applied: boolean }>(
    await tx.execute(sql`
      with movement as (
        insert into stock_movements (org_id, product_id, delta, on_hand_after, reason, source_key, actor_type, actor_id, note, created_at)
        values (${m.orgId}, ${m.productId}, ${delta}, ${onHandAfter}, ${m.reason}, ${m.sourceKey}, ${m.actor.type}, ${m.actor.id ?? null}, ${m.note ?? null}, clock_timestamp())
        on conflict (source_key) do nothing
        returning id),
      product as (
        update products set on_hand = ${onHandAfter}, updated_at = now()
        where id = ${m.productId} and ${delta}::int <> 0 and exists (select 1 from movement)
        returning id),
      items as (
        update channel_items set push_status = 'pending', updated_at = now()
        where id in (
          select c.id from channel_items c
          where c.product_id = ${m.productId} and c.org_id = ${m.orgId} and ${delta}::int <> 0 and exists (select 1 from movement) and ${itemSyncsSql("c")}
          order by c.id for update)
        returning id)${audit}
      -- Every sub-statement runs whether or not this select reads it.
      select exists (select 1 from movement) as applied`),
  );
  if (!row?.applied) return { applied: false, onHand: locked.onHand, ...before };
  if (delta === 0) return { applied: true, onHand: locked.onHand, ...before };
  // Most products are in no bundle: no re-derivation, and one round trip fewer while the row is locked.
  if (locked.bundle || locked.component) await refreshBundles(tx, m.orgId, [m.productId]);
  return { applied: true, onHand: onHandAfter, ...before };
}

// Stock a person or a file sets: never on a bundle, whose stock is its components'.
const SET_BY_HAND = new Set<MovementReason>(["manual", "csv_import", "restock"]);

export function bundleStockMessage(sku: string): string {
  return `${sku} is a bundle: a bundle's stock comes from its components. Change the stock of its components instead.`;
}
