import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { rowsOf, setParam } from "@/db/sets";
import { itemSyncsSql } from "./target-sql";

// A bundle holds no stock: its products.on_hand is what its components allow, kept in step by
// the ledger in the same transaction as every change to a component (applyMovement, the listings
// import, a reserve change, a components edit). One statement covers every bundle a change touches.

// The recursive steps read bundle_components through a fenced LATERAL (OFFSET 0): PostgreSQL
// guesses a recursive CTE's worktable at thousands of rows and otherwise hashes the whole table on
// every step (6-8 ms after each stock edit with 10,000 bundles; 0.1 ms by index).

// Nesting deeper than this is refused when components are saved; the bound also keeps a
// recursive statement finite should a cycle ever reach the table.
export const MAX_BUNDLE_DEPTH = 8;

/**
 * `need(bundle_id, product_id, qty)`: the stocked products (leaves) each of `bundles` takes, and
 * how many units one bundle takes of each. A bundle inside a bundle is multiplied out, and a
 * product reached twice (a mug in the set and in the box the set goes in) is summed: both take it.
 */
function leafNeeds(bundles: SQL): SQL {
  return sql`
    down(bundle_id, product_id, qty, depth) as (
      select bc.bundle_id, bc.component_id, bc.quantity::bigint, 1 from bundle_components bc where bc.bundle_id in (${bundles})
      union all
      select d.bundle_id, bc.component_id, d.qty * bc.quantity, d.depth + 1
      from down d, lateral (select component_id, quantity from bundle_components x where x.bundle_id = d.product_id offset 0) bc
      where d.depth < ${MAX_BUNDLE_DEPTH}),
    need as (
      select d.bundle_id, d.product_id, sum(d.qty)::bigint as qty from down d
      where not exists (select 1 from bundle_components x where x.bundle_id = d.product_id)
      group by d.bundle_id, d.product_id)`;
}

/** What one unit of this bundle takes from each stocked product (empty: not a bundle). */
export async function bundleNeeds(tx: DbOrTx, bundleId: string): Promise<{ productId: string; quantity: number }[]> {
  const rows = rowsOf<{ product_id: string; qty: number | string }>(
    await tx.execute(sql`with recursive ${leafNeeds(sql`${bundleId}::uuid`)} select product_id, qty from need order by product_id`),
  );
  return rows.map((r) => ({ productId: r.product_id, quantity: Number(r.qty) }));
}

/**
 * Re-derives the on_hand of every bundle that is one of `productIds` or contains one of them,
 * directly or not, and marks the channel items of those whose value changed pending. Returns
 * the bundles whose on_hand changed. Run it inside the transaction that changed the products.
 *
 * The bundle rows are locked (in id order) before the availability is read: a concurrent change
 * to another component of the same bundle then either committed before the read (and is in it)
 * or waits for this transaction and re-derives after it, so no interleaving leaves a bundle
 * showing what its components no longer allow.
 */
export async function refreshBundles(tx: DbOrTx, orgId: string, productIds: string[]): Promise<string[]> {
  if (productIds.length === 0) return [];
  const bundles = rowsOf<{ id: string }>(
    await tx.execute(sql`
      with recursive up(id) as (
        select v from unnest(${setParam(productIds, "uuid")}) as v
        union
        select bc.bundle_id from up, lateral (select bundle_id from bundle_components x where x.component_id = up.id and x.org_id = ${orgId} offset 0) bc)
      select p.id from products p
      where p.id in (select id from up) and exists (select 1 from bundle_components bc where bc.bundle_id = p.id)
      order by p.id for update of p`),
  ).map((r) => r.id);
  if (bundles.length === 0) return [];
  const changed = rowsOf<{ id: string }>(
    await tx.execute(sql`
      with recursive ${leafNeeds(sql`select unnest(${setParam(bundles, "uuid")})`)},
      derived as (
        select n.bundle_id, min(greatest(0, p.on_hand - p.reserve) / n.qty)::int as on_hand
        from need n join products p on p.id = n.product_id
        group by n.bundle_id),
      changed as (
        update products b set on_hand = d.on_hand, updated_at = now()
        from derived d where b.id = d.bundle_id and b.on_hand <> d.on_hand
        returning b.id),
      items as (
        update channel_items set push_status = 'pending', updated_at = now()
        where id in (select c.id from channel_items c where c.product_id in (select id from changed) and ${itemSyncsSql("c")} order by c.id for update)
        returning id)
      select id from changed`),
  );
  return changed.map((r) => r.id);
}

/**
 * `relatives(id)`, as the definitions of a `with recursive` statement: the products whose
 * channels and alerts a change to `productIds` concerns: themselves, the components of any
 * bundle among them (a bundle sale moved those), and every bundle containing any of these,
 * directly or not (their derived stock moved with them). Each statement that needs them
 * derives them itself: a round trip per stock change fewer than reading them first.
 */
export function relativesCte(orgId: string, productIds: readonly string[]): SQL {
  return sql`
    rel_down(id) as (
      select v from unnest(${setParam(productIds, "uuid")}) as v
      union
      select bc.component_id from rel_down, lateral (select component_id from bundle_components x where x.bundle_id = rel_down.id and x.org_id = ${orgId} offset 0) bc),
    relatives(id) as (
      select id from rel_down
      union
      select bc.bundle_id from relatives, lateral (select bundle_id from bundle_components x where x.component_id = relatives.id and x.org_id = ${orgId} offset 0) bc)`;
}

/**
 * For a select from products: whether the row is a bundle. Spelled out as products.id: Drizzle
 * renders a column of the selected table as a bare "id" here, which inside the subquery would
 * name bundle_components' own id.
 */
export const isBundleColumn = sql<boolean>`exists (select 1 from bundle_components bc where bc.bundle_id = products.id)`;

