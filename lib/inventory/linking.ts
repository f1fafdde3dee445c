import { createHash } from "node:crypto";
import { and, eq, isNull, ne, sql } from "drizzle-orm";
import { db, type Tx } from "@/db/client";
import { channelItems, channelListings, products, stockMovements, type ChannelItem, type MarketplaceConnection } from "@/db/schema";
import type { ChannelItemData, ListingWithItems } from "@/lib/marketplaces/types";
import { channelName, emptyCounts, type PageCounts } from "@/lib/sync/types";
import { applyMovement } from "./ledger";
import type { QuantityObservation } from "./reconcile";
import { generatedSku, openingDecision } from "./targets";

type Conn = Pick<MarketplaceConnection, "id" | "orgId" | "marketplace" | "name">;

/**
 * Imports one page of listings from a channel: upserts listings and their sellable
 * items, links items to products by SKU (creating products with an opening balance),
 * and reports linked items whose quantity moved since we last saw it (to reconcile once
 * orders are in). One transaction per listing, so a bad listing skips only itself.
 * `fetchedAt` is when the channel was read: sales placed before it are already in
 * the quantities seen here, so they never become movements as well.
 */
export async function importListings(conn: Conn, listings: ListingWithItems[], opts: { fetchedAt: Date }): Promise<PageCounts & { observations: QuantityObservation[] }> {
  const counts = { ...emptyCounts(), observations: [] as QuantityObservation[] };
  for (const listing of listings) {
    counts.seen += listing.items.length;
    const problems = listing.items.map((i) => ({ item: i, problem: itemProblem(i) }));
    for (const { item, problem } of problems) if (problem) counts.errors.push({ ref: `listing ${listing.externalId} item ${item.externalId}`, message: problem });
    const valid = problems.filter((p) => !p.problem).map((p) => p.item);
    await db.transaction(async (tx) => {
      const listingId = await upsertListing(tx, conn, listing);
      for (const item of valid) {
        const r = await importItem(tx, conn, listing, listingId, item, opts);
        if (r.created) counts.created++;
        else if (r.updated) counts.updated++;
        if (r.productId) counts.productIds.push(r.productId);
        if (r.observation) counts.observations.push(r.observation);
      }
    });
  }
  counts.productIds = [...new Set(counts.productIds)];
  return counts;
}

function itemProblem(item: ChannelItemData): string | null {
  if (!item.externalId) return "The channel sent an item without an id; it was skipped.";
  if (!Number.isInteger(item.quantity)) return `The channel sent a quantity that is not a whole number (${String(item.quantity)}); the item was skipped.`;
  if (item.quantity < 0) return `The channel sent a negative quantity (${item.quantity}); the item was skipped until the channel shows a valid one.`;
  return null;
}

async function upsertListing(tx: Tx, conn: Conn, listing: ListingWithItems): Promise<string> {
  const snapshotHash = createHash("sha256").update(JSON.stringify(listing)).digest("hex");
  const [row] = await tx
    .insert(channelListings)
    .values({ orgId: conn.orgId, connectionId: conn.id, externalId: listing.externalId, title: listing.title, state: listing.state, url: listing.url, snapshotHash, snapshot: listing })
    .onConflictDoUpdate({
      target: [channelListings.connectionId, channelListings.externalId],
      set: { title: listing.title, state: listing.state, url: listing.url, snapshotHash, snapshot: listing, updatedAt: sql`now()` },
    })
    .returning({ id: channelListings.id });
  return row.id;
}

type ItemResult = { created: boolean; updated: boolean; productId: string | null; observation?: QuantityObservation };

async function importItem(
  tx: Tx,
  conn: Conn,
  listing: ListingWithItems,
  listingId: string,
  data: ChannelItemData,
  opts: { fetchedAt: Date },
): Promise<ItemResult> {
  const sku = data.sku?.trim() || generatedSku(conn.marketplace, listing.externalId, data.variation);
  const skuGenerated = !data.sku?.trim();
  // A disabled offering cannot be bought: the channel effectively shows zero.
  const seen = data.enabled ? data.quantity : 0;
  const existing = await findExisting(tx, conn, listingId, data, skuGenerated ? null : sku);

  if (!existing) {
    const [item] = await tx
      .insert(channelItems)
      .values({
        orgId: conn.orgId,
        connectionId: conn.id,
        listingId,
        externalId: data.externalId,
        externalOfferId: data.externalOfferId,
        sku,
        skuGenerated,
        title: data.title,
        variation: data.variation,
        enabled: data.enabled,
        lastSeenQuantity: seen,
        lastSeenAt: opts.fetchedAt,
        // The moment we first read this item's quantity: orders placed before it are already counted in it.
        createdAt: opts.fetchedAt,
      })
      .returning();
    const productId = skuGenerated ? null : await linkItem(tx, conn, item, seen);
    return { created: true, updated: false, productId };
  }

  await tx
    .update(channelItems)
    .set({ listingId, externalOfferId: data.externalOfferId, title: data.title, variation: data.variation, enabled: data.enabled, updatedAt: sql`now()` })
    .where(eq(channelItems.id, existing.id));

  if (!existing.productId) {
    // A SKU added on the channel since the last poll lets the item link now.
    if (skuGenerated) {
      await tx.update(channelItems).set({ lastSeenQuantity: seen, lastSeenAt: opts.fetchedAt }).where(eq(channelItems.id, existing.id));
      return { created: false, updated: false, productId: null };
    }
    await tx.update(channelItems).set({ sku, skuGenerated: false, lastSeenQuantity: seen, lastSeenAt: opts.fetchedAt }).where(eq(channelItems.id, existing.id));
    const productId = await linkItem(tx, conn, { ...existing, sku }, seen);
    return { created: false, updated: true, productId };
  }

  if (existing.lastSeenQuantity === seen) {
    await tx.update(channelItems).set({ lastSeenAt: opts.fetchedAt }).where(eq(channelItems.id, existing.id));
    return { created: false, updated: false, productId: null };
  }
  // Decided after the next orders poll: a sale may explain the difference (lib/inventory/reconcile.ts).
  return { created: false, updated: false, productId: null, observation: { itemId: existing.id, seen, fetchedAt: opts.fetchedAt.toISOString() } };
}

/**
 * The stored item for this sellable unit. Etsy gives a listing's products new ids on
 * every inventory update, so an unknown id is matched to the listing's item with the
 * same SKU (or the same variation) and takes the new id.
 */
async function findExisting(tx: Tx, conn: Conn, listingId: string, data: ChannelItemData, sku: string | null): Promise<ChannelItem | undefined> {
  const [byId] = await tx
    .select()
    .from(channelItems)
    .where(and(eq(channelItems.connectionId, conn.id), eq(channelItems.externalId, data.externalId)))
    .for("update");
  if (byId) return byId;
  const [same] = await tx
    .select()
    .from(channelItems)
    .where(
      and(
        eq(channelItems.connectionId, conn.id),
        eq(channelItems.listingId, listingId),
        sku ? eq(channelItems.sku, sku) : data.variation ? eq(channelItems.variation, data.variation) : isNull(channelItems.variation),
      ),
    )
    .for("update");
  if (!same) return undefined;
  await tx.update(channelItems).set({ externalId: data.externalId, externalOfferId: data.externalOfferId }).where(eq(channelItems.id, same.id));
  return { ...same, externalId: data.externalId };
}

/** Links an item to the product with its SKU, creating the product with the channel's quantity as opening balance. */
async function linkItem(tx: Tx, conn: Conn, item: ChannelItem, seen: number): Promise<string> {
  const inserted = await tx
    .insert(products)
    .values({ orgId: conn.orgId, sku: item.sku, title: item.variation ? `${item.title} (${item.variation})` : item.title })
    .onConflictDoNothing({ target: [products.orgId, products.sku] })
    .returning({ id: products.id });
  const [product] = await tx
    .select()
    .from(products)
    .where(and(eq(products.orgId, conn.orgId), eq(products.sku, item.sku)))
    .for("update");
  await tx.update(channelItems).set({ productId: product.id, updatedAt: sql`now()` }).where(eq(channelItems.id, item.id));
  const actor = { type: "connection" as const, id: conn.id };

  if (inserted.length > 0) {
    await applyMovement(tx, {
      orgId: conn.orgId,
      productId: product.id,
      delta: seen,
      reason: "import",
      sourceKey: `import:${product.id}`,
      actor,
      note: `Opening balance from ${channelName(conn)}.`,
    });
    // The channel already shows the opening balance: nothing to push.
    await tx.update(channelItems).set({ pushStatus: "in_sync" }).where(eq(channelItems.id, item.id));
    return product.id;
  }

  const [other] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(stockMovements)
    .where(and(eq(stockMovements.productId, product.id), ne(stockMovements.reason, "import")));
  const decision = openingDecision({
    onHand: product.onHand,
    reserve: product.reserve,
    channelQuantity: seen,
    onlyOpeningBalance: other.n === 0,
    channelName: channelName(conn),
  });
  if (decision.kind === "agree") return product.id;
  await applyMovement(tx, {
    orgId: conn.orgId,
    productId: product.id,
    delta: decision.kind === "lower" ? decision.delta : 0,
    reason: "import",
    sourceKey: `import:${product.id}:${item.id}`,
    actor,
    note: decision.note,
  });
  // Every channel of the product, this one included, must now show the agreed quantity.
  await tx.update(channelItems).set({ pushStatus: "pending" }).where(and(eq(channelItems.productId, product.id), eq(channelItems.orgId, conn.orgId)));
  return product.id;
}
