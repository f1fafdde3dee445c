import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { channelItems, products, stockMovements, type MovementReason } from "@/db/schema";
import { NotFound } from "@/lib/errors";

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
};

export type MovementResult = { applied: boolean; onHand: number; onHandBefore: number; delta: number; sku: string };

/**
 * The only way stock changes: append a movement and move products.on_hand in the same
 * statement set. Must run inside a transaction. A repeated sourceKey is a no-op.
 * Linked channel items are marked pending so the push worker projects the new value.
 */
export async function applyMovement(tx: DbOrTx, m: MovementInput): Promise<MovementResult> {
  // Lock the product row: concurrent movements on one product serialize here, so
  // on_hand_after is exact and no update is lost.
  const [locked] = await tx
    .select({ onHand: products.onHand, sku: products.sku })
    .from(products)
    .where(and(eq(products.id, m.productId), eq(products.orgId, m.orgId)))
    .for("update");
  if (!locked) throw new NotFound("That product does not exist in this organization.");

  const delta = typeof m.delta === "function" ? m.delta(locked) : m.delta;
  const onHandAfter = locked.onHand + delta;
  const inserted = await tx
    .insert(stockMovements)
    .values({
      orgId: m.orgId,
      productId: m.productId,
      delta,
      onHandAfter,
      reason: m.reason,
      sourceKey: m.sourceKey,
      actorType: m.actor.type,
      actorId: m.actor.id ?? null,
      note: m.note ?? null,
      // The time the lock was held, not the transaction's start (now()): history sorted by
      // created_at then reads as the chain of on_hand_after values, even under concurrency.
      createdAt: sql`clock_timestamp()`,
    })
    .onConflictDoNothing({ target: stockMovements.sourceKey })
    .returning({ id: stockMovements.id });
  const before = { onHandBefore: locked.onHand, delta, sku: locked.sku };
  if (inserted.length === 0) return { applied: false, onHand: locked.onHand, ...before };
  if (delta === 0) return { applied: true, onHand: locked.onHand, ...before };

  await tx.update(products).set({ onHand: onHandAfter, updatedAt: sql`now()` }).where(eq(products.id, m.productId));
  // Channel items are locked in id order everywhere (the push does the same), so a movement
  // and a push touching the same items wait for each other instead of deadlocking.
  await tx.execute(sql`select id from channel_items where product_id = ${m.productId} and org_id = ${m.orgId} order by id for update`);
  await tx
    .update(channelItems)
    .set({ pushStatus: "pending", updatedAt: sql`now()` })
    .where(and(eq(channelItems.productId, m.productId), eq(channelItems.orgId, m.orgId)));
  return { applied: true, onHand: onHandAfter, ...before };
}
