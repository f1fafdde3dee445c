import { and, asc, count, eq, ilike, isNull, or, sql } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { db } from "@/db/client";
import { channelItems, channelListings, marketplaceConnections, products } from "@/db/schema";
import { Conflict, NotFound } from "@/lib/errors";
import { onStockChanged } from "@/lib/sync/triggers";
import { parseInput } from "@/lib/parse-input";
import { assertRole, type OrgContext } from "@/lib/tenancy/context";
import { applyMovement } from "./ledger";
import { syncsSql } from "./target-sql";

const escapeLike = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Channel items no product claims yet: the "Unlinked" view. */
export async function listUnlinkedItems(ctx: OrgContext, query: { q?: string; limit?: number } = {}) {
  const q = query.q?.trim();
  return db
    .select({
      id: channelItems.id,
      sku: channelItems.sku,
      skuGenerated: channelItems.skuGenerated,
      title: channelItems.title,
      variation: channelItems.variation,
      quantity: channelItems.lastSeenQuantity,
      marketplace: marketplaceConnections.marketplace,
      shopName: marketplaceConnections.name,
      listingUrl: channelListings.url,
    })
    .from(channelItems)
    .innerJoin(marketplaceConnections, eq(marketplaceConnections.id, channelItems.connectionId))
    .leftJoin(channelListings, eq(channelListings.id, channelItems.listingId))
    .where(
      and(
        eq(channelItems.orgId, ctx.orgId),
        isNull(channelItems.productId),
        q ? or(ilike(channelItems.title, escapeLike(q)), ilike(channelItems.sku, escapeLike(q))) : undefined,
      ),
    )
    .orderBy(asc(channelItems.title), asc(channelItems.id))
    .limit(query.limit ?? 200);
}

/** How many channel items are linked to no product (so Stockroom does not sync their stock). */
export async function countUnlinkedItems(ctx: OrgContext): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(channelItems)
    .where(and(eq(channelItems.orgId, ctx.orgId), isNull(channelItems.productId)));
  return row?.n ?? 0;
}

/** The picker behind "link to a product": a few matches by title or SKU. */
export async function searchProductsForPicker(ctx: OrgContext, q: string, limit = 10) {
  const term = q.trim();
  return db
    .select({ id: products.id, sku: products.sku, title: products.title, onHand: products.onHand })
    .from(products)
    .where(
      and(
        eq(products.orgId, ctx.orgId),
        isNull(products.archivedAt),
        term ? or(ilike(products.title, escapeLike(term)), ilike(products.sku, escapeLike(term))) : undefined,
      ),
    )
    .orderBy(asc(products.title))
    .limit(limit);
}

export const linkInput = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("existing"), itemId: z.uuid(), productId: z.uuid({ error: "Pick a product to link to." }) }),
  z.object({ mode: z.literal("create"), itemId: z.uuid() }),
]);
export type LinkInput = z.input<typeof linkInput>;

/**
 * Links a channel item to a product, or creates a product from it. A new product
 * starts from the channel's quantity (an `import` movement); an existing product
 * keeps its stock and the item is pushed to match it.
 */
export async function linkChannelItem(ctx: OrgContext, input: LinkInput): Promise<{ productId: string; created: boolean }> {
  assertRole(ctx, "manager");
  const v = parseInput(linkInput, input);
  const result = await db.transaction(async (tx) => {
    const [item] = await tx
      .select()
      .from(channelItems)
      .where(and(eq(channelItems.id, v.itemId), eq(channelItems.orgId, ctx.orgId)))
      .for("update");
    if (!item) throw new NotFound("That channel item does not exist.");
    if (item.productId) throw new Conflict("This item is already linked. Reload to see its product.");

    let productId: string;
    if (v.mode === "existing") {
      const [p] = await tx
        .select({ id: products.id })
        .from(products)
        .where(and(eq(products.id, v.productId), eq(products.orgId, ctx.orgId)));
      if (!p) throw new NotFound("That product does not exist.");
      productId = p.id;
    } else {
      const [clash] = await tx
        .select({ id: products.id })
        .from(products)
        .where(and(eq(products.orgId, ctx.orgId), eq(products.sku, item.sku)));
      if (clash) throw new Conflict(`A product with SKU ${item.sku} already exists. Link the item to it instead.`, { productId: "Pick the existing product." });
      const [created] = await tx.insert(products).values({ orgId: ctx.orgId, sku: item.sku, title: item.title }).returning({ id: products.id });
      productId = created.id;
      if (item.lastSeenQuantity) {
        await applyMovement(tx, {
          orgId: ctx.orgId,
          productId,
          delta: item.lastSeenQuantity,
          reason: "import",
          sourceKey: `import:link:${item.id}`,
          actor: { type: "user", id: ctx.userId },
          note: "Starting stock taken from the channel when the product was created",
        });
      }
    }
    await tx
      .update(channelItems)
      // A "don't sync" item is linked to read its sales; it is never written.
      .set({ productId, pushStatus: sql`case when ${syncsSql(channelItems.quantityRule, channelItems.connectionId)} then 'pending' else 'in_sync' end`, updatedAt: sql`now()` })
      .where(eq(channelItems.id, item.id));
    await recordAudit(tx, { orgId: ctx.orgId, actor: { type: "user", userId: ctx.userId }, action: "product.linked", target: { type: "channel_item", id: item.id }, before: { productId: null }, after: { productId, created: v.mode === "create" } });
    return { productId, created: v.mode === "create" };
  });
  await onStockChanged(ctx.orgId, [result.productId]);
  return result;
}
