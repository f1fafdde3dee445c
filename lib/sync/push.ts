import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { db, type Tx } from "@/db/client";
import { retryingTransaction } from "@/db/retry";
import { inSet, notInSet, records, rowsOf } from "@/db/sets";
import { channelItems, channelListings, marketplaceConnections, products, pushIntents, type MarketplaceConnection } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { setAnchors } from "@/lib/inventory/channel-state";
import { judgeAgreedReads, queueObservations, type QuantityObservation } from "@/lib/inventory/reconcile";
import { effectiveRule } from "@/lib/inventory/quantity-rules";
import { itemTargetSql } from "@/lib/inventory/target-sql";
import { channelTarget } from "@/lib/inventory/targets";
import { PushInterrupted, type ApiSession, type CallWindow, type MarketplaceAdapter, type PushRequest, type PushResult } from "@/lib/marketplaces/types";
import { emptyCounts, type PageCounts } from "./types";

type Conn = Pick<MarketplaceConnection, "id" | "orgId">;

/** Linked items of a connection whose channel quantity must change (pending or failed earlier). */
export async function pendingPushes(conn: Conn) {
  const rows = await db
    .select({
      id: channelItems.id,
      externalId: channelItems.externalId,
      externalOfferId: channelItems.externalOfferId,
      sku: channelItems.sku,
      lastSeen: channelItems.lastSeenQuantity,
      unsure: channelItems.unsureUnits,
      enabled: channelItems.enabled,
      listingExternalId: channelListings.externalId,
      listingId: channelListings.id,
      renewRequested: sql<boolean>`${channelListings.renewRequestedAt} is not null`,
      onHand: products.onHand,
      reserve: products.reserve,
      channelRule: marketplaceConnections.quantityRule,
      channelRuleValue: marketplaceConnections.quantityRuleValue,
      itemRule: channelItems.quantityRule,
      itemRuleValue: channelItems.quantityRuleValue,
      unsettled: sql<boolean>`exists (select 1 from push_intents i where i.channel_item_id = ${channelItems.id} and i.status = 'sent')`,
    })
    .from(channelItems)
    .innerJoin(products, eq(products.id, channelItems.productId))
    .innerJoin(marketplaceConnections, eq(marketplaceConnections.id, channelItems.connectionId))
    .leftJoin(channelListings, eq(channelListings.id, channelItems.listingId))
    .where(and(eq(channelItems.connectionId, conn.id), isNotNull(channelItems.productId), inArray(channelItems.pushStatus, ["pending", "failed"])))
    // Listing by listing, in the channel's order: a batch that fails part-way has written the
    // listings before the failure, whatever plan PostgreSQL picks for the joins.
    .orderBy(channelListings.externalId, channelItems.externalId);
  return rows.map(({ channelRule, channelRuleValue, itemRule, itemRuleValue, ...r }) => ({
    ...r,
    target: channelTarget(r.onHand, r.reserve, effectiveRule({ kind: channelRule, value: channelRuleValue }, { kind: itemRule, value: itemRuleValue })),
  }));
}

type Pending = Awaited<ReturnType<typeof pendingPushes>>[number] & { target: number };

/**
 * Projects the ledger onto one connection. Items known to show their target already are
 * marked in sync without a call; the others are sent in one batched adapter call. Each
 * write is recorded as an intent before the call and settled after it, item by item:
 * a write the channel confirmed becomes the item's new anchor (sales placed before it
 * were overwritten by it), a refused one is failed, and one whose call was cut off stays
 * unsettled until a read of the channel tells whether it landed. What the push read of
 * the channel on the way is kept to be judged like any other read.
 */
export async function pushConnection(conn: Conn, adapter: MarketplaceAdapter, session: ApiSession, opts: { renewSoldOut?: boolean } = {}): Promise<PageCounts & { pushed: number }> {
  const counts = emptyCounts();
  const rows = await pendingPushes(conn);
  // "Don't sync" items are never written: one whose rule changed while it waited is settled here.
  const pending = rows.flatMap((p) => (p.target === null ? [] : [{ ...p, target: p.target }]));
  counts.seen = pending.length;
  // A restocked item that was disabled when it sold out must be pushed to be buyable again.
  const already = pending.filter((p) => p.lastSeen === p.target && p.unsure === 0 && !p.unsettled && (p.target === 0 || p.enabled));
  await settleStatus(db, [...already.map((p) => p.id), ...rows.filter((p) => p.target === null).map((p) => p.id)]);

  const due = pending.filter((p) => !already.includes(p));
  if (due.length === 0) return { ...counts, pushed: 0 };
  const startedAt = new Date();
  // Intents are recorded call by call, just before each write can happen: a process killed
  // earlier (while reading, say) leaves nothing unsettled.
  const intents = new Map<string, string>();
  const rewriteIntents = new Map<string, string>();
  const byExternal = new Map(due.map((p) => [p.externalId, p]));
  const reads: { externalId: string; quantity: number; read: CallWindow }[] = [];
  let readsQueued = 0;
  const sending = async (externalIds: string[], rewrites: { externalId: string; quantity: number }[] = []) => {
    // What the push read so far is kept before anything is written over it: a process killed
    // after the write would otherwise lose an edit the seller made before the read.
    const unqueued = reads.slice(readsQueued);
    readsQueued = reads.length;
    if (unqueued.length > 0) await retryingTransaction((tx) => queueReads(tx, conn, unqueued, startedAt));
    const items = externalIds.flatMap((id) => byExternal.get(id) ?? []).filter((p) => !intents.has(p.externalId));
    const sentAt = new Date();
    for (const [externalId, intentId] of await recordIntents(conn, items.map((p) => ({ externalId: p.externalId, quantity: p.target })), sentAt)) intents.set(externalId, intentId);
    for (const [externalId, intentId] of await recordIntents(conn, rewrites, sentAt)) rewriteIntents.set(externalId, intentId);
  };
  const requests: PushRequest[] = due.map((p) => ({
    externalId: p.externalId,
    externalOfferId: p.externalOfferId,
    listingExternalId: p.listingExternalId,
    sku: p.sku,
    quantity: p.target,
    mayRenew: (opts.renewSoldOut ?? false) || p.renewRequested,
  }));
  const rewrites: { externalId: string; quantity: number; written: CallWindow }[] = [];
  let results: PushResult[];
  let stopped: { inFlight: string[]; error: unknown } | null = null;
  try {
    results = await adapter.pushQuantities(session, requests, { read: (r) => reads.push(r), rewrote: (r) => rewrites.push(r), sending });
  } catch (err) {
    // A bare error comes before any write (the adapter contract): nothing of this push landed.
    results = err instanceof PushInterrupted ? err.results : [];
    // A write the marketplace answered with an error did not land; one it never answered may have.
    const unsure = err instanceof PushInterrupted && (!(err.reason instanceof AppError) || err.reason.mayHaveApplied);
    stopped = err instanceof PushInterrupted ? { inFlight: unsure ? err.inFlight : [], error: err.reason } : { inFlight: [], error: err };
  }
  const stopMessage = stopped ? (stopped.error instanceof Error ? stopped.error.message : String(stopped.error)) : null;

  const outcome = await retryingTransaction((tx) => recordOutcome(tx, conn, { due, intents, rewriteIntents, results, stopped: stopped && { inFlight: stopped.inFlight, message: stopMessage ?? "" }, reads: reads.slice(readsQueued), rewrites, startedAt }));
  counts.errors.push(...outcome.errors);
  counts.updated = outcome.written;
  if (stopped) throw stopped.error;
  return { ...counts, pushed: outcome.written };
}

/** One intent per item (by external id) about to be written; returns intent ids by external id. */
async function recordIntents(conn: Conn, writes: { externalId: string; quantity: number }[], sentAt: Date): Promise<Map<string, string>> {
  if (writes.length === 0) return new Map();
  const rows = rowsOf<{ id: string; external_id: string }>(
    await db.execute(sql`
      insert into push_intents (org_id, connection_id, channel_item_id, quantity, sent_at)
      select ${conn.orgId}, ${conn.id}, c.id, v.quantity, ${sentAt.toISOString()}::timestamptz
      from jsonb_to_recordset(${records(writes.map((w) => ({ external_id: w.externalId, quantity: w.quantity })))}) as v(external_id text, quantity int)
      join channel_items c on c.connection_id = ${conn.id} and c.external_id = v.external_id
      returning id, (select external_id from channel_items where id = channel_item_id)`),
  );
  return new Map(rows.map((r) => [r.external_id, r.id]));
}

/**
 * Keeps what the channel showed when the push read it, to be judged once the orders placed
 * before the read are imported, and makes each read the item's anchor. Every read is kept,
 * even one that agrees with what we expect now: a sale not imported yet and an edit on the
 * channel can cancel out, and the write that follows would erase the edit.
 */
async function queueReads(tx: Tx, conn: Conn, reads: { externalId: string; quantity: number; read: CallWindow }[], pushStartedAt: Date) {
  if (reads.length === 0) return;
  let known = await itemsByExternalId(tx, conn, reads.map((r) => r.externalId));
  const agreed = [...known.values()].filter((it) => it.agreed_quantity !== null).map((it) => it.id);
  if (agreed.length > 0) {
    // Judged first, against the anchor they agreed with; they become the anchor these reads are judged against.
    await judgeAgreedReads(tx, conn, agreed);
    known = await itemsByExternalId(tx, conn, reads.map((r) => r.externalId));
  }
  const observations: QuantityObservation[] = reads.flatMap((r) => {
    const it = known.get(r.externalId);
    if (!it || !it.product_id || it.anchor_quantity === null || it.anchor_from === null || it.anchor_to === null) return [];
    return [{ itemId: it.id, seen: r.quantity, read: r.read, prev: { quantity: it.anchor_quantity, from: new Date(it.anchor_from), to: new Date(it.anchor_to) } }];
  });
  // A push's own writes come after its reads: they cannot explain them.
  await queueObservations(tx, conn, observations, { intentsSentBefore: pushStartedAt });
  await setAnchors(
    tx,
    observations.map((o) => ({ itemId: o.itemId, quantity: o.seen, ...o.read })),
  );
}

type Outcome = {
  due: Pending[];
  /** Intents by external id: the items asked for, and the ones written back as read. */
  intents: Map<string, string>;
  rewriteIntents: Map<string, string>;
  results: PushResult[];
  stopped: { inFlight: string[]; message: string } | null;
  reads: { externalId: string; quantity: number; read: CallWindow }[];
  rewrites: { externalId: string; quantity: number; written: CallWindow }[];
  startedAt: Date;
};

async function recordOutcome(tx: Tx, conn: Conn, o: Outcome): Promise<{ written: number; errors: { ref: string; message: string }[] }> {
  const errors: { ref: string; message: string }[] = [];
  // Every item this outcome writes, locked once in id order (as the ledger does): no deadlock with sales and edits.
  await tx.execute(sql`select id from channel_items where ${inSet(sql`id`, o.due.map((p) => p.id), "uuid")} order by id for update`);
  const byExternal = new Map(o.results.map((r) => [r.externalId, r]));
  const inFlight = new Set(o.stopped?.inFlight ?? []);
  const ok: { item: Pending; result: PushResult }[] = [];
  const failed: { item: Pending; message: string; intent: "failed" | "sent" }[] = [];
  for (const item of o.due) {
    const r = byExternal.get(item.externalId);
    if (r?.ok) ok.push({ item, result: r });
    else if (r) failed.push({ item, message: r.error ?? "The channel refused this item; it will be retried.", intent: "failed" });
    else if (inFlight.has(item.externalId))
      failed.push({ item, message: `The write was cut off (${o.stopped?.message}); the next read of the channel tells whether it landed, and it is retried.`, intent: "sent" });
    else if (o.stopped) failed.push({ item, message: `Not written: the push stopped at or before this item (${o.stopped.message}). It will be retried.`, intent: "failed" });
    else failed.push({ item, message: "The channel did not confirm this item; it will be retried.", intent: "failed" });
  }

  // Reads not queued yet (no write followed them) first, and before this push settles anything:
  // an older write cut off by a crash, which this push supersedes, may still be what the channel
  // showed when it was read.
  await queueReads(tx, conn, o.reads, o.startedAt);
  const known = await itemsByExternalId(tx, conn, o.rewrites.map((r) => r.externalId));
  await settleIntents(tx, ok, failed, o);
  // What listings polls saw of these items before this push wrote over it.
  await judgeAgreedReads(tx, conn, [...ok.map(({ item }) => item.id), ...[...known.values()].map((it) => it.id)]);

  const now = new Date();
  await setAnchors(tx, [
    ...ok.map(({ item, result }) => ({ itemId: item.id, quantity: result.shows ?? item.target, ...(result.written ?? { from: now, to: now }) })),
    ...o.rewrites.flatMap((r) => {
      const it = known.get(r.externalId);
      return it ? [{ itemId: it.id, quantity: r.quantity, ...r.written }] : [];
    }),
  ]);
  if (ok.length > 0) {
    await tx.execute(sql`
      update channel_items c set last_pushed_quantity = v.quantity, last_pushed_at = v.pushed_at, push_attempts = 0, push_error = null,
        enabled = coalesce(v.enabled, c.enabled), updated_at = now()
      from jsonb_to_recordset(${records(ok.map(({ item, result }) => ({ id: item.id, quantity: result.shows ?? item.target, pushed_at: (result.written?.to ?? now).toISOString(), enabled: result.enabled ?? null })))})
        as v(id uuid, quantity int, pushed_at timestamptz, enabled boolean)
      where c.id = v.id`);
  }
  for (const f of failed) {
    errors.push({ ref: `item ${f.item.sku}`, message: f.message });
    await tx
      .update(channelItems)
      .set({ pushStatus: "failed", pushError: f.message, pushAttempts: sql`${channelItems.pushAttempts} + 1`, updatedAt: sql`now()` })
      .where(eq(channelItems.id, f.item.id));
  }
  await settleStatus(tx, ok.map(({ item }) => item.id));
  // A renewal the seller asked for happens once.
  const renewed = [...new Set(ok.filter(({ item }) => item.renewRequested && item.listingId).map(({ item }) => item.listingId as string))];
  if (renewed.length > 0) await tx.update(channelListings).set({ renewRequestedAt: null }).where(inArray(channelListings.id, renewed));
  return { written: ok.length, errors };
}

async function settleIntents(tx: Tx, ok: { item: Pending; result: PushResult }[], failed: { item: Pending; message: string; intent: "failed" | "sent" }[], o: Outcome) {
  const now = new Date();
  const rewritten = new Map(o.rewrites.map((r) => [r.externalId, r]));
  const confirmed = [
    ...ok.flatMap(({ item, result }) => {
      const id = o.intents.get(item.externalId);
      return id ? [{ id, item: item.id, at: (result.written?.to ?? now).toISOString() }] : [];
    }),
    ...[...o.rewriteIntents].flatMap(([externalId, id]) => {
      const r = rewritten.get(externalId);
      return r ? [{ id, item: null, at: r.written.to.toISOString() }] : [];
    }),
  ];
  // Rewrites that were not reported: cut off (a later read settles them) or never sent.
  const unreported = [...o.rewriteIntents].filter(([externalId]) => !rewritten.has(externalId)).map(([, id]) => id);
  if (unreported.length > 0 && !(o.stopped && o.stopped.inFlight.length > 0))
    await tx.update(pushIntents).set({ status: "failed", error: "Not written: the listing's write did not happen." }).where(inSet(pushIntents.id, unreported, "uuid"));
  if (confirmed.length > 0) {
    await tx.execute(sql`
      update push_intents p set status = 'confirmed', confirmed_at = v.at
      from jsonb_to_recordset(${records(confirmed.map(({ id, at }) => ({ id, at })))}) as v(id uuid, at timestamptz) where p.id = v.id`);
    // An absolute write replaces whatever an older unsettled write may have left.
    await tx.execute(sql`
      update push_intents p set status = 'superseded'
      where p.status = 'sent' and p.channel_item_id in (select channel_item_id from push_intents where ${inSet(sql`id`, confirmed.map((c) => c.id), "uuid")})
        and ${notInSet(sql`p.id`, confirmed.map((c) => c.id), "uuid")}`);
  }
  for (const f of failed) {
    const id = o.intents.get(f.item.externalId);
    if (id && f.intent === "failed") await tx.update(pushIntents).set({ status: "failed", error: f.message }).where(eq(pushIntents.id, id));
  }
}

async function itemsByExternalId(tx: Tx, conn: Conn, externalIds: string[]) {
  if (externalIds.length === 0) return new Map<string, ItemRow>();
  const rows = rowsOf<ItemRow>(
    await tx.execute(sql`
      select id, external_id, product_id, last_seen_quantity, unsure_units, anchor_quantity, anchor_from, anchor_to, agreed_quantity
      from channel_items where connection_id = ${conn.id} and ${inSet(sql`external_id`, [...new Set(externalIds)])}
      order by id for update`),
  );
  return new Map(rows.map((r) => [r.external_id, r]));
}

type ItemRow = {
  id: string;
  external_id: string;
  product_id: string | null;
  last_seen_quantity: number | null;
  unsure_units: number;
  anchor_quantity: number | null;
  anchor_from: string | Date | null;
  anchor_to: string | Date | null;
  agreed_quantity: number | null;
};

/**
 * In sync when the channel surely shows the product's target, read at write time under
 * the row lock; otherwise (a movement landed meanwhile, or we cannot be sure) the item
 * stays pending for the next push.
 */
async function settleStatus(tx: Tx | typeof db, ids: string[]) {
  if (ids.length === 0) return;
  const target = itemTargetSql();
  // A "don't sync" item (null target) has nothing to be off: in sync.
  await tx.execute(sql`
    update channel_items c set
      push_status = case when ${target} is null or (c.unsure_units = 0 and c.last_seen_quantity = ${target}
        and not exists (select 1 from push_intents i where i.channel_item_id = c.id and i.status = 'sent')) then 'in_sync' else 'pending' end,
      push_error = null,
      updated_at = now()
    from products p, marketplace_connections m
    where ${inSet(sql`c.id`, ids, "uuid")} and p.id = c.product_id and m.id = c.connection_id`);
}
