import { SQL, sql } from "drizzle-orm";
import { rowsOf } from "@/db/sets";
import type { DbOrTx } from "@/db/client";
import type { AuditAction, MovementReason } from "@/db/schema";
import { auditInsert, recordAudit, type AuditInput } from "@/lib/audit";
import { Invalid, NotFound } from "@/lib/errors";
import { applyBundleOrderMovement } from "./bundle-sale";
import { refreshBundles } from "./bundle-stock";
import { itemSyncsSql } from "./target-sql";

export type Actor = { type: "user" | "connection" | "system"; id?: string | null };

export type MovementInput = {
  orgId: string;
  productId: string;
  /** A number, or `{ set }`: the delta to that value, computed from on_hand under the row lock. */
  delta: number | { set: number };
  /** A person's edit: refuse one that takes stock further below zero (a sale may oversell). */
  refuseNegative?: boolean;
  reason: MovementReason;
  /** Unique per business event, so a replay never counts twice. */
  sourceKey: string;
  actor: Actor;
  note?: string | null;
  /** A cancellation: the source key of the sale it reverses (a bundle sale gives back what it took). */
  reverses?: string;
  /**
   * A person's change is audited with the movement, in the same statement: `before` and `after`
   * carry `onHand` (and `after` the delta) plus the `after` fields given here.
   */
  audit?: { action: AuditAction; userId: string | null; after?: Record<string, unknown> };
};

export type MovementResult = { applied: boolean; onHand: number; onHandBefore: number; delta: number; sku: string };

type Applied = { on_hand: number; sku: string; bundle: boolean; component: boolean; delta: number; refused: boolean; applied: boolean };

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
    if (split.applied && m.audit) await recordAudit(tx, auditOf(m, { before: { onHand: split.onHandBefore }, after: { onHand: split.onHand, delta: split.delta } }));
    return split;
  }
  const delta = typeof m.delta === "number" ? sql`${m.delta}::int` : sql`${m.delta.set}::int - p.on_hand`;
  const setByHand = SET_BY_HAND.has(m.reason);
  // One statement, so the row lock is held for as short a time as a commit allows: lock the
  // product (concurrent movements on one product serialize here, so on_hand_after is exact and
  // no update is lost; FOR UPDATE reads the newest committed row), then, unless refused, the
  // movement, on_hand, the linked channel items marked pending and the audit event. Channel
  // items are locked in id order everywhere (the push does the same), so a movement and a push
  // touching the same items wait for each other instead of deadlocking. created_at is the time
  // the lock was held (clock_timestamp), not the transaction's start: history sorted by
  // created_at reads as the chain of on_hand_after values.
  const [row] = rowsOf<Applied>(
    await tx.execute(sql`
      with p as (
        select p.on_hand, p.sku,
          exists (select 1 from bundle_components bc where bc.bundle_id = p.id) as bundle,
          exists (select 1 from bundle_components bc where bc.component_id = p.id) as component
        from products p where p.id = ${m.productId} and p.org_id = ${m.orgId}
        for update of p),
      d as (
        select p.*, ${delta} as delta from p),
      checked as (
        select d.*,
          -- A bundle's stock comes from its components: only its sales' markers and cancellations pass.
          (d.bundle and (${setByHand} or (d.delta <> 0 and ${m.reason} <> 'cancel')))
          -- Oversold products may already be below zero; only a change taking stock further down past zero is refused.
          or (${m.refuseNegative ?? false} and d.delta < 0 and d.on_hand + d.delta < 0) as refused
        from d),
      movement as (
        insert into stock_movements (org_id, product_id, delta, on_hand_after, reason, source_key, actor_type, actor_id, note, created_at)
        select ${m.orgId}, ${m.productId}, c.delta, c.on_hand + c.delta, ${m.reason}, ${m.sourceKey}, ${m.actor.type}, ${m.actor.id ?? null}, ${m.note ?? null}, clock_timestamp()
        from checked c where not c.refused
        on conflict (source_key) do nothing
        returning delta, on_hand_after),
      product as (
        update products set on_hand = mv.on_hand_after, updated_at = now()
        from movement mv
        where products.id = ${m.productId} and mv.delta <> 0
        returning products.id),
      items as (
        update channel_items set push_status = 'pending', updated_at = now()
        where id in (
          select c.id from channel_items c
          where c.product_id = ${m.productId} and c.org_id = ${m.orgId} and exists (select 1 from movement mv where mv.delta <> 0) and ${itemSyncsSql("c")}
          order by c.id for update)
        returning id)${
        m.audit
          ? sql`,
      audit as (${auditInsert(auditOf(m, { before: sql`jsonb_build_object('onHand', c.on_hand)`, after: sql`jsonb_build_object('onHand', mv.on_hand_after, 'delta', mv.delta)` }), sql`checked c, movement mv`)} returning id)`
          : sql``
      }
      -- Every sub-statement runs whether or not this select reads it.
      select c.on_hand, c.sku, c.bundle, c.component, c.delta, c.refused, exists (select 1 from movement) as applied from checked c`),
  );
  if (!row) throw new NotFound("That product does not exist in this organization.");
  const onHand = Number(row.on_hand);
  const d = Number(row.delta);
  if (row.refused) {
    if (row.bundle) throw new Invalid(bundleStockMessage(row.sku), { delta: "A bundle's stock comes from its components." });
    throw new Invalid(`${row.sku} has ${onHand} on hand; removing ${-d} would make it negative.`, { delta: "Stock cannot go below zero." });
  }
  const before = { onHandBefore: onHand, delta: d, sku: row.sku };
  if (!row.applied) return { applied: false, onHand, ...before };
  if (d === 0) return { applied: true, onHand, ...before };
  // Most products are in no bundle: no re-derivation, and no round trip more while the row is locked.
  if (row.bundle || row.component) await refreshBundles(tx, m.orgId, [m.productId]);
  return { applied: true, onHand: onHand + d, ...before };
}

/** The audit event of `m` with these before/after values (JSON values, or SQL over the statement's rows). */
function auditOf(m: MovementInput, v: { before: unknown; after: unknown }): AuditInput {
  if (!m.audit) throw new Error("no audit requested");
  const extra = m.audit.after ?? {};
  const after = v.after instanceof SQL ? sql`${v.after} || ${JSON.stringify(extra)}::jsonb` : { ...(v.after as object), ...extra };
  return { orgId: m.orgId, actor: { type: "user", userId: m.audit.userId }, action: m.audit.action, target: { type: "product", id: m.productId }, before: v.before, after };
}

// Stock a person or a file sets: never on a bundle, whose stock is its components'.
const SET_BY_HAND = new Set<MovementReason>(["manual", "csv_import", "restock"]);

export function bundleStockMessage(sku: string): string {
  return `${sku} is a bundle: a bundle's stock comes from its components. Change the stock of its components instead.`;
}
