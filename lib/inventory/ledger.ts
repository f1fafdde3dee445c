import { SQL, sql } from "drizzle-orm";
import { records, rowsOf } from "@/db/sets";
import { db, type DbOrTx } from "@/db/client";
import { retrying, retryingTransaction } from "@/db/retry";
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
  const row = await movementStatement(tx, m, false);
  const result = settled(row);
  // Most products are in no bundle: no re-derivation, and no round trip more while the row is locked.
  if (result.applied && result.delta !== 0 && (row.bundle || row.component)) await refreshBundles(tx, m.orgId, [m.productId]);
  return result;
}

/**
 * applyMovement for a change with no other write beside it (a person's edit), committed by its
 * own statement: the product's row lock is then held for the statement and its commit, where a
 * transaction also holds it while the result travels to the app and COMMIT travels back (under
 * load, the app's event loop: 20 edits of one product queue on that lock). A product in a bundle
 * must have its bundles re-derived in the same transaction: for one the statement writes nothing
 * and the movement runs again, in a transaction.
 */
export async function applyMovementAlone(m: MovementInput): Promise<MovementResult> {
  if (typeof m.delta === "number" && (m.reason === "sale" || m.reason === "cancel")) throw new Error("a sale or cancellation may split over a bundle's components: use applyMovement");
  const row = await retrying(() => movementStatement(db, m, true));
  if (!row.refused && (row.bundle || row.component)) return retryingTransaction((tx) => applyMovement(tx, m));
  return settled(row);
}

/** What a movement statement did, or the refusal it found, as the person who asked should hear it. */
function settled(row: Applied): MovementResult {
  const onHand = Number(row.on_hand);
  const d = Number(row.delta);
  if (row.refused) {
    if (row.bundle) throw new Invalid(bundleStockMessage(row.sku), { delta: "A bundle's stock comes from its components." });
    throw new Invalid(`${row.sku} has ${onHand} on hand; removing ${-d} would make it negative.`, { delta: "Stock cannot go below zero." });
  }
  const before = { onHandBefore: onHand, delta: d, sku: row.sku };
  if (!row.applied) return { applied: false, onHand, ...before };
  return { applied: true, onHand: onHand + d, ...before };
}

/**
 * The movement as one statement. `alone`: committed by itself, so a product in a bundle (whose
 * bundles must re-derive in the same transaction) is left untouched and said to be one.
 */
async function movementStatement(runner: DbOrTx, m: MovementInput, alone: boolean): Promise<Applied> {
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
    await runner.execute(sql`
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
        from checked c where not c.refused and not (${alone} and (c.bundle or c.component))
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
  return row;
}

/** The audit event of `m` with these before/after values (JSON values, or SQL over the statement's rows). */
function auditOf(m: MovementInput, v: { before: unknown; after: unknown }): AuditInput {
  if (!m.audit) throw new Error("no audit requested");
  const extra = m.audit.after ?? {};
  const after = v.after instanceof SQL ? sql`${v.after} || ${JSON.stringify(extra)}::jsonb` : { ...(v.after as object), ...extra };
  return { orgId: m.orgId, actor: { type: "user", userId: m.audit.userId }, action: m.audit.action, target: { type: "product", id: m.productId }, before: v.before, after };
}

/** A movement whose on_hand_after the caller computed under the product's row lock. */
export type PlannedLedgerMovement = { productId: string; delta: number; onHandAfter: number; reason: MovementReason; sourceKey: string; note: string | null };

/**
 * applyMovement for a batch, set-based (the listing import: a page of hundreds of items costs two
 * statements, not a round trip per row). The caller holds the products' row locks and planned the
 * chain in order, each movement's on_hand_after following the one before. The movements are
 * appended in plan order, stamped one by one (clock_timestamp(), as applyMovement does, so history
 * in time order is the on-hand chain), and on_hand moves to each product's last value, except where
 * the product already holds it (`holding`: rows the caller created with their opening balance);
 * bundles containing them re-derive. The caller settles its channel items' push state itself: it
 * plans it with the links. A source key recorded before breaks the planned chain: this throws, and
 * the caller rolls back and applies the movements one by one.
 */
export async function applyMovements(
  tx: DbOrTx,
  batch: { orgId: string; actor: Actor; movements: PlannedLedgerMovement[]; holding?: ReadonlyMap<string, number> },
): Promise<void> {
  const { orgId, actor, movements } = batch;
  if (movements.length === 0) return;
  const inserted = rowsOf<{ id: string }>(
    await tx.execute(sql`
      insert into stock_movements (org_id, product_id, delta, on_hand_after, reason, source_key, actor_type, actor_id, note, created_at)
      select ${orgId}, v.product_id, v.delta, v.on_hand_after, v.reason, v.source_key, ${actor.type}, ${actor.id ?? null}, v.note, clock_timestamp()
      from rows from (jsonb_to_recordset(${records(movements.map((m) => ({ product_id: m.productId, delta: m.delta, on_hand_after: m.onHandAfter, reason: m.reason, source_key: m.sourceKey, note: m.note })))})
        as (product_id uuid, delta int, on_hand_after int, reason text, source_key text, note text)) with ordinality as v(product_id, delta, on_hand_after, reason, source_key, note, n)
      order by v.n
      on conflict (source_key) do nothing
      returning id`),
  );
  if (inserted.length !== movements.length) throw new Error("a movement of this batch was already recorded (a concurrent writer got there first)");
  const last = new Map<string, number>();
  for (const m of movements) if (m.delta !== 0) last.set(m.productId, m.onHandAfter);
  for (const [id, onHand] of last) if (batch.holding?.get(id) === onHand) last.delete(id);
  if (last.size === 0) return;
  await tx.execute(sql`
    update products p set on_hand = v.on_hand, updated_at = now()
    from jsonb_to_recordset(${records([...last].map(([id, onHand]) => ({ id, on_hand: onHand })))}) as v(id uuid, on_hand int)
    where p.id = v.id`);
  await refreshBundles(tx, orgId, [...last.keys()]);
}

// Stock a person or a file sets: never on a bundle, whose stock is its components'.
const SET_BY_HAND = new Set<MovementReason>(["manual", "csv_import", "restock"]);

export function bundleStockMessage(sku: string): string {
  return `${sku} is a bundle: a bundle's stock comes from its components. Change the stock of its components instead.`;
}
