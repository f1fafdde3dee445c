import { createHash, randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { channelItems, marketplaceConnections, type ChannelItem, type MarketplaceConnection } from "@/db/schema";
import { inSet, notInSet, records, rowsOf } from "@/db/sets";
import type { ListingWithItems } from "@/lib/marketplaces/types";
import { channelName } from "@/lib/sync/types";
import { planItems, planLinks, previousAnchor, type ItemState, type LinkProduct, type PlannedItem } from "./import-plan";
import { refreshExpected } from "./channel-state";
import { applyMovements } from "./ledger";
import type { Window } from "./expectation";
import { NO_RULE, type QuantityRule } from "./quantity-rules";
import { queueObservations } from "./reconcile";
import { itemSyncsSql } from "./target-sql";

type Conn = Pick<MarketplaceConnection, "id" | "orgId" | "marketplace" | "name">;

export type PageResult = { created: number; updated: number; productIds: string[]; observations: number };

/**
 * Imports listings (items already validated) in one go: a fixed number of set-based
 * statements however many listings, so a page of 100 costs a few milliseconds of
 * database work instead of a round trip per row. The ledger rules are those of
 * applyMovement: products are locked, and every stock change goes through the ledger
 * (applyMovements: a movement with a unique source_key, on_hand moved in the same transaction). Throws if anything is off
 * (a concurrent import got there first, a row the database refuses): the caller
 * rolls back to its savepoint and retries listing by listing.
 */
export async function importListingPage(tx: Tx, conn: Conn, listings: ListingWithItems[], read: Window): Promise<PageResult> {
  const listingIds = await upsertListings(tx, conn, listings);
  const pages = listings.map((listing) => {
    const row = listingIds.get(listing.externalId);
    if (!row) throw new Error(`listing ${listing.externalId} was not stored`);
    return { listingId: row.id, listing };
  });
  const stored = await storedItems(tx, conn, pages, listingIds);
  const items = planItems(conn.marketplace, pages, stored, read, randomUUID, await anchorsResetAt(tx, conn));
  await observeUnsettled(tx, items, stored, read);

  const { products, opening } = await lockProducts(tx, conn, items);
  const existingKeys = await existingLinkKeys(tx, items, products);
  const { movements, pushAll } = planLinks(items, products, existingKeys, { name: channelName(conn), rule: await channelRule(tx, conn) });

  await writeItems(tx, conn, items, read.from);
  // Through the ledger, the only writer of stock: products created with their opening balance already hold it.
  await applyMovements(tx, { orgId: conn.orgId, actor: { type: "connection", id: conn.id }, movements, holding: opening });
  await pushOtherItems(tx, conn, pushAll, items);
  // Orders already imported that this read does not reflect yet.
  await refreshExpected(
    tx,
    items.filter((it) => !it.isNew).map((it) => it.state.id),
  );
  await queueObservations(
    tx,
    conn,
    items.flatMap((it) => (it.observation ? [it.observation] : [])),
  );

  const result: PageResult = { created: 0, updated: 0, productIds: [], observations: 0 };
  for (const it of items) {
    if (it.isNew) result.created++;
    else if (it.link) result.updated++;
    // A re-anchored item is pushed its target: asking for a push of its product does that.
    if ((it.link || it.reanchored) && it.state.productId) result.productIds.push(it.state.productId);
    if (it.observation) result.observations++;
  }
  return result;
}

/** Upserts the listings; returns their row ids by external id, and whether each is new. */
async function upsertListings(tx: Tx, conn: Conn, listings: ListingWithItems[]) {
  const rows = listings.map((l) => ({
    external_id: l.externalId,
    title: l.title,
    state: l.state,
    url: l.url,
    snapshot_hash: createHash("sha256").update(JSON.stringify(l)).digest("hex"),
    snapshot: l,
  }));
  const result = await tx.execute(sql`
    insert into channel_listings (org_id, connection_id, external_id, title, state, url, snapshot_hash, snapshot)
    select ${conn.orgId}, ${conn.id}, v.external_id, v.title, v.state, v.url, v.snapshot_hash, v.snapshot
    from jsonb_to_recordset(${records(rows)}) as v(external_id text, title text, state text, url text, snapshot_hash text, snapshot jsonb)
    on conflict (connection_id, external_id) do update set
      title = excluded.title, state = excluded.state, url = excluded.url,
      snapshot_hash = excluded.snapshot_hash, snapshot = excluded.snapshot, updated_at = now()
    returning id, external_id, (xmax = 0) as inserted`);
  return new Map(rowsOf<{ id: string; external_id: string; inserted: boolean }>(result).map((r) => [r.external_id, { id: r.id, inserted: r.inserted }]));
}

/**
 * The stored items this page may update, locked: those with an incoming id, plus (to
 * follow Etsy's renumbering) the other items of listings that already existed and have
 * an unknown id. A first import reads only the first set, and finds it empty.
 */
async function storedItems(tx: Tx, conn: Conn, pages: { listingId: string; listing: ListingWithItems }[], listingIds: Map<string, { inserted: boolean }>) {
  const externalIds = pages.flatMap((p) => p.listing.items.map((i) => i.externalId));
  if (externalIds.length === 0) return [];
  const byId = await tx
    .select()
    .from(channelItems)
    .where(and(eq(channelItems.connectionId, conn.id), inSet(channelItems.externalId, externalIds)))
    .orderBy(channelItems.id)
    .for("update");
  const known = new Set(byId.map((r) => r.externalId));
  const renumbered = pages
    .filter((p) => !listingIds.get(p.listing.externalId)?.inserted && p.listing.items.some((i) => !known.has(i.externalId)))
    .map((p) => p.listingId);
  if (renumbered.length === 0) return byId;
  const others = await tx
    .select()
    .from(channelItems)
    .where(and(eq(channelItems.connectionId, conn.id), inArray(channelItems.listingId, renumbered), notInSet(channelItems.externalId, [...known])))
    .orderBy(channelItems.id)
    .for("update");
  return [...byId, ...others];
}

/**
 * Creates the products of new SKUs and locks every product the page links to, with what linking
 * needs to know. A new product is inserted already holding its opening balance (the quantity of
 * its first linked item, the movement planLinks records for it, written in this transaction), so
 * a first import writes each product row once; `opening` says which rows hold what, for
 * applyMovements. Linking sees a created product at 0, before that movement.
 */
async function lockProducts(tx: Tx, conn: Conn, items: PlannedItem[]): Promise<{ products: Map<string, LinkProduct>; opening: Map<string, number> }> {
  const first = new Map<string, { title: string; seen: number }>();
  for (const it of items) if (it.link && !first.has(it.link.sku)) first.set(it.link.sku, { title: it.link.productTitle, seen: it.link.seen });
  const products = new Map<string, LinkProduct>();
  const opening = new Map<string, number>();
  if (first.size === 0) return { products, opening };
  // Inserted in SKU order: two connections of one organization importing overlapping SKUs
  // then wait for each other on the unique index instead of deadlocking.
  const fresh = [...first].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([sku, f]) => ({ sku, title: f.title, on_hand: f.seen }));
  const created = rowsOf<{ id: string; sku: string; on_hand: number; reserve: number }>(
    await tx.execute(sql`
      insert into products (org_id, sku, title, on_hand)
      select ${conn.orgId}, v.sku, v.title, v.on_hand
      from rows from (jsonb_to_recordset(${records(fresh)}) as (sku text, title text, on_hand int)) with ordinality as v(sku, title, on_hand, n)
      order by v.n
      on conflict (org_id, sku) do nothing
      returning id, sku, on_hand, reserve`),
  );
  for (const p of created) {
    products.set(p.sku, { id: p.id, onHand: 0, reserve: Number(p.reserve), created: true, onlyOpeningBalance: true });
    opening.set(p.id, Number(p.on_hand));
  }
  const older = [...first.keys()].filter((sku) => !products.has(sku));
  if (older.length === 0) return { products, opening };
  // Locked in id order, so two imports of overlapping SKUs cannot deadlock each other.
  const locked = rowsOf<{ id: string; sku: string; on_hand: number; reserve: number }>(
    await tx.execute(sql`select id, sku, on_hand, reserve from products where org_id = ${conn.orgId} and ${inSet(sql`sku`, older)} order by id for update`),
  );
  const withHistory = new Set(
    rowsOf<{ product_id: string }>(
      // A bundle counts as having history: its stock is its components', never a channel's opening quantity.
      await tx.execute(sql`
        select distinct product_id from stock_movements where ${inSet(sql`product_id`, locked.map((p) => p.id), "uuid")} and reason <> 'import'
        union select bundle_id from bundle_components where ${inSet(sql`bundle_id`, locked.map((p) => p.id), "uuid")}`),
    ).map((r) => r.product_id),
  );
  for (const p of locked) products.set(p.sku, { id: p.id, onHand: Number(p.on_hand), reserve: Number(p.reserve), created: false, onlyOpeningBalance: !withHistory.has(p.id) });
  return { products, opening };
}

/** Source keys of link movements a stored item may already have (an item linked, unlinked and linked again). */
async function existingLinkKeys(tx: Tx, items: PlannedItem[], products: Map<string, LinkProduct>): Promise<Set<string>> {
  const keys = items.flatMap((it) => {
    const p = it.link && !it.isNew ? products.get(it.link.sku) : undefined;
    return p && !p.created ? [`import:${p.id}:${it.state.id}`] : [];
  });
  if (keys.length === 0) return new Set();
  const rows = rowsOf<{ source_key: string }>(await tx.execute(sql`select source_key from stock_movements where ${inSet(sql`source_key`, keys)}`));
  return new Set(rows.map((r) => r.source_key));
}

const ITEM_COLUMNS = sql.raw(
  "id uuid, listing_id uuid, external_id text, external_offer_id text, sku text, sku_generated boolean, title text, variation text, enabled boolean, last_seen_quantity int, last_seen_at timestamptz, anchor_quantity int, anchor_from timestamptz, anchor_to timestamptz, agreed_quantity int, agreed_from timestamptz, agreed_to timestamptz, product_id uuid, push_status text",
);

function itemRecord(s: ItemState) {
  return {
    id: s.id,
    listing_id: s.listingId,
    external_id: s.externalId,
    external_offer_id: s.externalOfferId,
    sku: s.sku,
    sku_generated: s.skuGenerated,
    title: s.title,
    variation: s.variation,
    enabled: s.enabled,
    last_seen_quantity: s.lastSeenQuantity,
    last_seen_at: s.lastSeenAt?.toISOString() ?? null,
    anchor_quantity: s.anchorQuantity,
    anchor_from: s.anchorFrom?.toISOString() ?? null,
    anchor_to: s.anchorTo?.toISOString() ?? null,
    agreed_quantity: s.agreedQuantity,
    agreed_from: s.agreedFrom?.toISOString() ?? null,
    agreed_to: s.agreedTo?.toISOString() ?? null,
    product_id: s.productId,
    push_status: s.pushStatus,
  };
}

async function writeItems(tx: Tx, conn: Conn, items: PlannedItem[], fetchedAt: Date) {
  const fresh = items.filter((it) => it.isNew).map((it) => itemRecord(it.state));
  if (fresh.length > 0) {
    // created_at is when we first read the quantity: orders placed before it are already counted in it.
    await tx.execute(sql`
      insert into channel_items (id, org_id, connection_id, listing_id, external_id, external_offer_id, sku, sku_generated, title, variation, enabled,
        last_seen_quantity, last_seen_at, anchor_quantity, anchor_from, anchor_to, product_id, push_status, created_at)
      select v.id, ${conn.orgId}, ${conn.id}, v.listing_id, v.external_id, v.external_offer_id, v.sku, v.sku_generated, v.title, v.variation, v.enabled,
        v.last_seen_quantity, v.last_seen_at, v.anchor_quantity, v.anchor_from, v.anchor_to, v.product_id, v.push_status, ${fetchedAt.toISOString()}::timestamptz
      from jsonb_to_recordset(${records(fresh)}) as v(${ITEM_COLUMNS})`);
  }
  const stored = items.filter((it) => !it.isNew).map((it) => itemRecord(it.state));
  if (stored.length > 0) {
    await tx.execute(sql`
      update channel_items c set listing_id = v.listing_id, external_id = v.external_id, external_offer_id = v.external_offer_id, sku = v.sku,
        sku_generated = v.sku_generated, title = v.title, variation = v.variation, enabled = v.enabled, last_seen_quantity = v.last_seen_quantity,
        last_seen_at = v.last_seen_at, anchor_quantity = v.anchor_quantity, anchor_from = v.anchor_from, anchor_to = v.anchor_to,
        agreed_quantity = v.agreed_quantity, agreed_from = v.agreed_from, agreed_to = v.agreed_to, product_id = v.product_id, push_status = v.push_status, updated_at = now()
      from jsonb_to_recordset(${records(stored)}) as v(${ITEM_COLUMNS})
      where c.id = v.id`);
  }
}

/** When the seller last moved the connection to another stock location (its reads start over), if ever. */
async function anchorsResetAt(tx: Tx, conn: Conn): Promise<Date | null> {
  const [row] = await tx.select({ at: marketplaceConnections.anchorsResetAt }).from(marketplaceConnections).where(eq(marketplaceConnections.id, conn.id));
  return row?.at ?? null;
}

/** The connection's default quantity rule as it is now (a seller may change it while a sync runs). */
async function channelRule(tx: Tx, conn: Conn): Promise<QuantityRule> {
  const [row] = await tx.select({ kind: marketplaceConnections.quantityRule, value: marketplaceConnections.quantityRuleValue }).from(marketplaceConnections).where(eq(marketplaceConnections.id, conn.id));
  return row ?? NO_RULE;
}

/** Items outside this page whose product must now be pushed everywhere (the page's own items were planned already). */
async function pushOtherItems(tx: Tx, conn: Conn, productIds: Set<string>, items: PlannedItem[]) {
  if (productIds.size === 0) return;
  await tx.execute(sql`
    update channel_items c set push_status = 'pending', updated_at = now()
    where c.org_id = ${conn.orgId} and ${inSet(sql`c.product_id`, [...productIds], "uuid")} and ${notInSet(sql`c.id`, items.map((it) => it.state.id), "uuid")}
      and ${itemSyncsSql("c")}`);
}

/**
 * A linked item with a write of ours still unsettled (its process died mid-push) is
 * judged even when the read matches what we expected: the judgement settles the write.
 */
async function observeUnsettled(tx: Tx, items: PlannedItem[], stored: ChannelItem[], read: Window) {
  const linked = items.filter((it) => it.agreed && it.state.productId);
  if (linked.length === 0) return;
  const unsettled = new Set(
    rowsOf<{ id: string }>(
      await tx.execute(sql`select distinct channel_item_id as id from push_intents where status = 'sent' and ${inSet(sql`channel_item_id`, linked.map((it) => it.state.id), "uuid")}`),
    ).map((r) => r.id),
  );
  if (unsettled.size === 0) return;
  const rows = new Map(stored.map((r) => [r.id, r]));
  for (const it of linked) {
    const row = rows.get(it.state.id);
    const seen = it.state.agreedQuantity;
    if (!row || !unsettled.has(row.id) || seen === null) continue;
    it.observation = { itemId: row.id, seen, read, prev: previousAnchor(row, seen) };
    // Judged now, so the read is the anchor like any other judged read.
    it.agreed = false;
    it.state = { ...it.state, lastSeenQuantity: seen, anchorQuantity: seen, anchorFrom: read.from, anchorTo: read.to, agreedQuantity: null, agreedFrom: null, agreedTo: null };
  }
}
