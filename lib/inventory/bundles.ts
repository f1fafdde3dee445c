import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { db, type Tx } from "@/db/client";
import { retryingTransaction } from "@/db/retry";
import { rowsOf, setParam } from "@/db/sets";
import { bundleComponents, channelItems, products } from "@/db/schema";
import { Conflict, Invalid, NotFound } from "@/lib/errors";
import { parseInput } from "@/lib/parse-input";
import { onStockChanged } from "@/lib/sync/triggers";
import { assertRole, type OrgContext } from "@/lib/tenancy/context";
import { MAX_BUNDLE_DEPTH, refreshBundles } from "./bundle-stock";
import { syncsSql } from "./target-sql";

const components = z
  .array(
    z.object({
      componentId: z.uuid({ error: "Pick a product for each component." }),
      quantity: z.coerce.number({ error: "Enter a whole number." }).int("Enter a whole number.").min(1, "A component takes at least 1 unit.").max(10_000, "Keep it under 10,000 units."),
    }),
  )
  .max(50, "A bundle holds at most 50 components.")
  .refine((cs) => new Set(cs.map((c) => c.componentId)).size === cs.length, "A product is listed twice: give it one line with the total quantity.");

export const bundleInput = z.object({ bundleId: z.uuid(), components });
export type BundleInput = z.input<typeof bundleInput>;

export const bundleFromItemInput = z.object({ itemId: z.uuid(), components: components.refine((cs) => cs.length > 0, "Add at least one component.") });
export type BundleFromItemInput = z.input<typeof bundleFromItemInput>;

type Line = { componentId: string; quantity: number };

/**
 * Makes a product a bundle of these components (or, with none, a stocked product again).
 * Its stock is re-derived at once and its channels pushed; what it was made of before and
 * after goes to the audit log. Refuses a component that contains the bundle, directly or not.
 */
export async function setBundleComponents(ctx: OrgContext, input: BundleInput): Promise<{ bundleId: string; onHand: number }> {
  assertRole(ctx, "manager");
  const v = parseInput(bundleInput, input);
  const onHand = await retryingTransaction(async (tx) => {
    const [bundle] = await tx
      .select({ id: products.id, sku: products.sku })
      .from(products)
      .where(and(eq(products.id, v.bundleId), eq(products.orgId, ctx.orgId)))
      .for("update");
    if (!bundle) throw new NotFound("That product does not exist.");
    return replaceComponents(tx, ctx, bundle, v.components);
  });
  await onStockChanged(ctx.orgId, [v.bundleId]);
  return { bundleId: v.bundleId, onHand };
}

/**
 * "This listing is a bundle of…": creates a product from an unlinked channel item as a bundle
 * of these components and links the item to it. The channel's quantity is not taken as stock
 * (a bundle has none): the item is pushed what the components allow.
 */
export async function createBundleFromItem(ctx: OrgContext, input: BundleFromItemInput): Promise<{ productId: string; onHand: number }> {
  assertRole(ctx, "manager");
  const v = parseInput(bundleFromItemInput, input);
  const result = await retryingTransaction(async (tx) => {
    const [item] = await tx
      .select()
      .from(channelItems)
      .where(and(eq(channelItems.id, v.itemId), eq(channelItems.orgId, ctx.orgId)))
      .for("update");
    if (!item) throw new NotFound("That channel item does not exist.");
    if (item.productId) throw new Conflict("This item is already linked. Reload to see its product.");
    const [clash] = await tx
      .select({ id: products.id })
      .from(products)
      .where(and(eq(products.orgId, ctx.orgId), eq(products.sku, item.sku)));
    if (clash) throw new Conflict(`A product with SKU ${item.sku} already exists. Link the item to it, then make that product a bundle on its page.`);
    const [bundle] = await tx.insert(products).values({ orgId: ctx.orgId, sku: item.sku, title: item.title }).returning({ id: products.id, sku: products.sku });
    await tx.update(channelItems).set({ productId: bundle.id, pushStatus: "pending", updatedAt: sql`now()` }).where(eq(channelItems.id, item.id));
    await recordAudit(tx, { orgId: ctx.orgId, actor: { type: "user", userId: ctx.userId }, action: "product.linked", target: { type: "channel_item", id: item.id }, before: { productId: null }, after: { productId: bundle.id, created: true, bundle: true } });
    const onHand = await replaceComponents(tx, ctx, bundle, v.components);
    return { productId: bundle.id, onHand };
  });
  await onStockChanged(ctx.orgId, [result.productId]);
  return result;
}

async function replaceComponents(tx: Tx, ctx: OrgContext, bundle: { id: string; sku: string }, lines: Line[]): Promise<number> {
  const ids = lines.map((l) => l.componentId);
  if (ids.includes(bundle.id)) throw new Invalid(`A bundle cannot contain itself: remove ${bundle.sku} from its components.`, { components: "A bundle cannot contain itself." });
  // Components are locked (in id order) before the bundle's stock is derived from them: a sale
  // of one in flight commits first, and one that starts later sees this bundle and re-derives it.
  const found =
    ids.length === 0
      ? []
      : await tx
          .select({ id: products.id, sku: products.sku })
          .from(products)
          .where(and(eq(products.orgId, ctx.orgId), inArray(products.id, ids)))
          .orderBy(asc(products.id))
          .for("update");
  if (found.length !== ids.length) throw new NotFound("A component no longer exists. Reload and pick it again.");
  await refuseCycles(tx, bundle, found);

  const before = await tx
    .select({ componentId: bundleComponents.componentId, quantity: bundleComponents.quantity })
    .from(bundleComponents)
    .where(and(eq(bundleComponents.orgId, ctx.orgId), eq(bundleComponents.bundleId, bundle.id)))
    .orderBy(asc(bundleComponents.componentId));
  await tx.delete(bundleComponents).where(and(eq(bundleComponents.orgId, ctx.orgId), eq(bundleComponents.bundleId, bundle.id)));
  if (lines.length > 0) await tx.insert(bundleComponents).values(lines.map((l) => ({ orgId: ctx.orgId, bundleId: bundle.id, componentId: l.componentId, quantity: l.quantity })));
  else if (before.length > 0) await restoreOwnStock(tx, ctx.orgId, bundle.id);
  await refuseDeepNesting(tx, bundle);
  await refreshBundles(tx, ctx.orgId, [bundle.id]);

  await recordAudit(tx, {
    orgId: ctx.orgId,
    actor: { type: "user", userId: ctx.userId },
    action: "product.bundle_changed",
    target: { type: "product", id: bundle.id },
    before: { components: before },
    after: { components: [...lines].sort((a, b) => (a.componentId < b.componentId ? -1 : 1)) },
  });
  const [after] = await tx.select({ onHand: products.onHand }).from(products).where(eq(products.id, bundle.id));
  return after.onHand;
}

/** A component that already contains the bundle (directly or through other bundles) would make it contain itself. */
async function refuseCycles(tx: Tx, bundle: { id: string; sku: string }, found: { id: string; sku: string }[]): Promise<void> {
  if (found.length === 0) return;
  const [loop] = rowsOf<{ sku: string }>(
    await tx.execute(sql`
      with recursive down(top, id, depth) as (
        select v, v, 0 from unnest(${setParam(found.map((f) => f.id), "uuid")}) as v
        union all
        select d.top, bc.component_id, d.depth + 1 from down d join bundle_components bc on bc.bundle_id = d.id where d.depth < ${MAX_BUNDLE_DEPTH * 2})
      select p.sku from down d join products p on p.id = d.top where d.id = ${bundle.id} limit 1`),
  );
  if (loop) {
    const message = `${loop.sku} already contains ${bundle.sku}, so ${bundle.sku} cannot contain ${loop.sku}: a bundle cannot contain itself, directly or through another bundle.`;
    throw new Invalid(message, { components: message });
  }
}

/** Nesting is bounded so every derivation stays one short statement. */
async function refuseDeepNesting(tx: Tx, bundle: { id: string; sku: string }): Promise<void> {
  const [row] = rowsOf<{ deep: boolean }>(
    await tx.execute(sql`
      with recursive up(id, depth) as (
        select ${bundle.id}::uuid, 0
        union all
        select bc.bundle_id, u.depth + 1 from up u join bundle_components bc on bc.component_id = u.id where u.depth <= ${MAX_BUNDLE_DEPTH}),
      down(id, depth) as (
        select ${bundle.id}::uuid, 0
        union all
        select bc.component_id, d.depth + 1 from down d join bundle_components bc on bc.bundle_id = d.id where d.depth <= ${MAX_BUNDLE_DEPTH})
      select (select max(depth) from up) + (select max(depth) from down) > ${MAX_BUNDLE_DEPTH} as deep`),
  );
  if (row?.deep) throw new Invalid(`Bundles can be nested at most ${MAX_BUNDLE_DEPTH} levels deep.`, { components: `Bundles can be nested at most ${MAX_BUNDLE_DEPTH} levels deep.` });
}

/** A product that stops being a bundle holds its own stock again: what its own movements add up to. */
async function restoreOwnStock(tx: Tx, orgId: string, productId: string): Promise<void> {
  const changed = rowsOf<{ id: string }>(
    await tx.execute(sql`
      update products p set on_hand = coalesce((select sum(delta) from stock_movements m where m.product_id = p.id), 0)::int, updated_at = now()
      where p.id = ${productId} and p.org_id = ${orgId}
        and p.on_hand <> coalesce((select sum(delta) from stock_movements m where m.product_id = p.id), 0)
      returning p.id`),
  );
  if (changed.length > 0)
    await tx
      .update(channelItems)
      .set({ pushStatus: "pending", updatedAt: sql`now()` })
      .where(and(eq(channelItems.orgId, orgId), eq(channelItems.productId, productId), syncsSql(channelItems.quantityRule, channelItems.connectionId)));
  await refreshBundles(tx, orgId, [productId]);
}

export type BundleComponentView = { id: string; sku: string; title: string; quantity: number; onHand: number; reserve: number; allows: number };
export type BundleUse = { id: string; sku: string; title: string; quantity: number; onHand: number };

/** What a product is made of (empty: not a bundle), with how many bundles each component allows. */
export async function getBundleComponents(ctx: OrgContext, productId: string): Promise<BundleComponentView[]> {
  const rows = await db
    .select({ id: products.id, sku: products.sku, title: products.title, quantity: bundleComponents.quantity, onHand: products.onHand, reserve: products.reserve })
    .from(bundleComponents)
    .innerJoin(products, eq(products.id, bundleComponents.componentId))
    .where(and(eq(bundleComponents.orgId, ctx.orgId), eq(bundleComponents.bundleId, productId)))
    .orderBy(asc(products.title));
  return rows.map((r) => ({ ...r, allows: Math.floor(Math.max(0, r.onHand - r.reserve) / r.quantity) }));
}

/** The bundles this product is a component of (directly). */
export async function getBundlesUsing(ctx: OrgContext, productId: string): Promise<BundleUse[]> {
  return db
    .select({ id: products.id, sku: products.sku, title: products.title, quantity: bundleComponents.quantity, onHand: products.onHand })
    .from(bundleComponents)
    .innerJoin(products, eq(products.id, bundleComponents.bundleId))
    .where(and(eq(bundleComponents.orgId, ctx.orgId), eq(bundleComponents.componentId, productId)))
    .orderBy(asc(products.title));
}
