import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { inSet, rowsOf } from "@/db/sets";
import { bundleNeeds, refreshBundles } from "./bundle-stock";
import { itemSyncsSql } from "./target-sql";
import type { MovementInput, MovementResult } from "./ledger";

// A bundle sold on a channel takes its components: the bundle's own movement (delta 0, under
// the sale's key, so a replay stops at it exactly as for any product) carries one movement per
// stocked component under `{sale key}:{component id}`, each pointing back to it (parent_key).
// Its cancellation gives back exactly what that sale took, whatever the bundle is made of since.

/**
 * Applies a sale of a bundle, or the cancellation of an earlier bundle sale (`m.reverses` names
 * the sale). Returns null when `m` is neither: the product is not a bundle, or the sale it
 * cancels moved the product itself (it was sold before it became a bundle).
 */
export async function applyBundleOrderMovement(tx: DbOrTx, m: MovementInput): Promise<MovementResult | null> {
  if (typeof m.delta !== "number") return null;
  if (m.reason === "sale") {
    const needs = await bundleNeeds(tx, m.productId);
    if (needs.length === 0) return null;
    const units = -m.delta;
    const taken = needs.map((n) => ({ product_id: n.productId, delta: -n.quantity * units }));
    return split(tx, m, taken.map((t) => t.product_id), sql`select * from jsonb_to_recordset(${JSON.stringify(taken)}::jsonb) as t(product_id uuid, delta int)`, "bundle_sale");
  }
  if (m.reason === "cancel" && m.reverses) {
    const sold = rowsOf<{ product_id: string }>(await tx.execute(sql`select product_id from stock_movements where parent_key = ${m.reverses}`));
    if (sold.length === 0) return null;
    return split(tx, m, sold.map((s) => s.product_id), sql`select product_id, -delta as delta from stock_movements where parent_key = ${m.reverses}`, "cancel");
  }
  return null;
}

async function split(tx: DbOrTx, m: MovementInput, productIds: string[], moves: SQL, childReason: "bundle_sale" | "cancel"): Promise<MovementResult> {
  // Components before bundles, each group in id order: the order every stock change locks in.
  await tx.execute(sql`select id from products where org_id = ${m.orgId} and ${inSet(sql`id`, productIds, "uuid")} order by id for update`);
  const [bundle] = rowsOf<{ on_hand: number; sku: string }>(await tx.execute(sql`select on_hand, sku from products where id = ${m.productId} and org_id = ${m.orgId}`));
  if (!bundle) throw new Error(`bundle ${m.productId} is not a product of organization ${m.orgId}`);
  const actorId = m.actor.id ?? null;
  const [row] = rowsOf<{ applied: boolean }>(
    await tx.execute(sql`
      with marker as (
        insert into stock_movements (org_id, product_id, delta, on_hand_after, reason, source_key, actor_type, actor_id, note, created_at)
        values (${m.orgId}, ${m.productId}, 0, ${bundle.on_hand}, ${m.reason}, ${m.sourceKey}, ${m.actor.type}, ${actorId}, ${m.note ?? null}, clock_timestamp())
        on conflict (source_key) do nothing
        returning id),
      moved as (
        insert into stock_movements (org_id, product_id, delta, on_hand_after, reason, source_key, actor_type, actor_id, note, created_at, parent_key)
        select ${m.orgId}, t.product_id, t.delta, p.on_hand + t.delta, ${childReason}, ${m.sourceKey} || ':' || t.product_id, ${m.actor.type}, ${actorId},
          ${`${m.note ?? "Order"} (as part of bundle ${bundle.sku})`}, clock_timestamp(), ${m.sourceKey}
        from (${moves}) t join products p on p.id = t.product_id
        where exists (select 1 from marker) and t.delta <> 0
        on conflict (source_key) do nothing
        returning product_id, delta),
      stock as (
        update products p set on_hand = p.on_hand + v.delta, updated_at = now()
        from moved v where p.id = v.product_id
        returning p.id),
      -- The channel that sold the bundle moved its own quantity: its items are re-targeted even if the derived value stays.
      items as (
        update channel_items set push_status = 'pending', updated_at = now()
        where id in (
          select c.id from channel_items c
          where (c.product_id in (select product_id from moved) or c.product_id = ${m.productId}) and exists (select 1 from marker) and ${itemSyncsSql("c")}
          order by c.id for update)
        returning id)
      select exists (select 1 from marker) as applied`),
  );
  const result = { onHandBefore: bundle.on_hand, delta: m.delta as number, sku: bundle.sku };
  if (!row?.applied) return { applied: false, onHand: bundle.on_hand, ...result };
  await refreshBundles(tx, m.orgId, [...productIds, m.productId]);
  const [after] = rowsOf<{ on_hand: number }>(await tx.execute(sql`select on_hand from products where id = ${m.productId}`));
  const onHand = Number(after?.on_hand ?? bundle.on_hand);
  // The bundle's own line in its history reads as the quantity it shows after the sale.
  await tx.execute(sql`update stock_movements set on_hand_after = ${onHand} where source_key = ${m.sourceKey}`);
  return { applied: true, onHand, ...result };
}
