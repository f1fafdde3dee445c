import { and, asc, eq, lt, sql } from "drizzle-orm";
import { db, type Tx } from "@/db/client";
import { retryingTransaction } from "@/db/retry";
import { inSet, records, rowsOf } from "@/db/sets";
import { channelItems, channelObservations, type ChannelObservation, type MarketplaceConnection } from "@/db/schema";
import { channelName, emptyCounts, type PageCounts } from "@/lib/sync/types";
import { channelEvents, markOffTarget, refreshExpected, setAnchors, sinceAnchor } from "./channel-state";
import { eventsBeforeRead, judgeObservation, settleAgreedRead, type Anchor, type ChannelEvent, type Window } from "./expectation";
import { applyMovement } from "./ledger";
import { itemSyncsSql } from "./target-sql";
import { reconcileDecision, type ChannelEditPolicy } from "./targets";

/** A linked item's quantity as read from the channel, different from what we expected. */
export type QuantityObservation = { itemId: string; seen: number; read: Window; prev: Anchor };

type Conn = Pick<MarketplaceConnection, "id" | "orgId" | "marketplace" | "name">;

/**
 * Keeps reads that differ from what we expected until the orders placed before them are
 * imported. Each keeps the anchor it is to be judged against and the write of ours that
 * was unsettled at the time (a process that died mid-push), if any.
 */
export async function queueObservations(
  tx: Tx,
  conn: Pick<Conn, "id" | "orgId">,
  observations: QuantityObservation[],
  // A push's own writes come after its reads: they cannot explain them.
  opts: { intentsSentBefore?: Date } = {},
): Promise<void> {
  if (observations.length === 0) return;
  const rows = observations.map((o) => ({
    item: o.itemId,
    quantity: o.seen,
    read_from: o.read.from.toISOString(),
    read_to: o.read.to.toISOString(),
    prev_quantity: o.prev.quantity,
    prev_from: o.prev.from.toISOString(),
    prev_to: o.prev.to.toISOString(),
  }));
  await tx.execute(sql`
    insert into channel_observations (org_id, connection_id, channel_item_id, quantity, read_from, read_to, prev_quantity, prev_from, prev_to, intent_id, intent_quantity, intent_sent_at)
    select ${conn.orgId}, ${conn.id}, v.item, v.quantity, v.read_from, v.read_to, v.prev_quantity, v.prev_from, v.prev_to, i.id, i.quantity, i.sent_at
    from jsonb_to_recordset(${records(rows)}) as v(item uuid, quantity int, read_from timestamptz, read_to timestamptz, prev_quantity int, prev_from timestamptz, prev_to timestamptz)
    left join lateral (
      select p.id, p.quantity, p.sent_at from push_intents p
      where p.channel_item_id = v.item and p.status = 'sent' and p.sent_at <= v.read_from
        ${opts.intentsSentBefore ? sql`and p.sent_at < ${opts.intentsSentBefore.toISOString()}::timestamptz` : sql``}
      order by p.sent_at desc limit 1
    ) i on true`);
}

/**
 * Judges the reads made before `readBefore` (the start of an orders poll that has just
 * been imported, so every sale placed before them is in): a difference that sales,
 * cancellations and our own writes do not explain is an edit the seller made on the
 * channel, recorded once as a `channel_edit` movement (accepted or pushed back per the
 * organization's policy). A read that a possibly-landed write of ours leaves unexplained
 * changes no stock: the channel is pushed to our value instead.
 */
export async function reconcileObservations(conn: Conn, policy: ChannelEditPolicy, opts: { readBefore?: Date } = {}): Promise<PageCounts> {
  const counts = emptyCounts();
  // Both times are ours: a read that finished before the orders poll started saw nothing the poll missed.
  const readBefore = opts.readBefore ?? new Date();
  await retryingTransaction((tx) => settleAgreedReads(tx, conn, readBefore));
  let due = await db
    .select()
    .from(channelObservations)
    .where(and(eq(channelObservations.connectionId, conn.id), lt(channelObservations.readTo, readBefore)))
    .orderBy(asc(channelObservations.readTo));
  while (due.length > 0) {
    const { batch, rest } = nextBatch(due);
    counts.seen += batch.length;
    const productIds = await retryingTransaction((tx) => judgeBatch(tx, conn, batch, policy));
    counts.updated += productIds.length;
    counts.productIds.push(...productIds);
    due = rest;
  }
  counts.productIds = [...new Set(counts.productIds)];
  return counts;
}

// A push of 10,000 listings queues 10,000 reads: judged one transaction each, the next orders
// poll spent about 6 ms a read on PGlite (a minute) before it finished.
const JUDGE_BATCH = 500;

/**
 * The oldest read of each item, up to JUDGE_BATCH of them: an item's reads are judged in order,
 * each against what the one before left, while reads of different items are independent.
 */
export function nextBatch<T extends { channelItemId: string }>(due: T[]): { batch: T[]; rest: T[] } {
  const items = new Set<string>();
  const batch: T[] = [];
  const rest: T[] = [];
  for (const o of due) {
    if (batch.length < JUDGE_BATCH && !items.has(o.channelItemId)) {
      items.add(o.channelItemId);
      batch.push(o);
    } else rest.push(o);
  }
  return { batch, rest };
}

type AgreedRow = { id: string; anchor_quantity: number; anchor_from: string | Date; anchor_to: string | Date; agreed_quantity: number; agreed_from: string | Date; agreed_to: string | Date; syncs: boolean };
const anchorOf = (q: number, from: string | Date, to: string | Date): Anchor => ({ quantity: Number(q), from: new Date(from), to: new Date(to) });

/**
 * Listings reads that agreed with the expectation, made before `readBefore` (every order
 * placed before them is imported now): each becomes the anchor, or is queued to be judged
 * if the orders show it disagreed (settleAgreedRead).
 */
async function settleAgreedReads(tx: Tx, conn: Pick<Conn, "id" | "orgId">, readBefore: Date): Promise<void> {
  const rows = rowsOf<AgreedRow>(
    await tx.execute(sql`
      select c.id, c.anchor_quantity, c.anchor_from, c.anchor_to, c.agreed_quantity, c.agreed_from, c.agreed_to, ${itemSyncsSql("c")} as syncs from channel_items c
      where c.connection_id = ${conn.id} and c.agreed_to < ${readBefore.toISOString()}::timestamptz and c.anchor_quantity is not null
      order by c.id for update`),
  );
  if (rows.length === 0) return;
  const events = await channelEvents(tx, rows.map((r) => ({ id: r.id, since: sinceAnchor(new Date(r.anchor_from)) })));
  const toJudge: QuantityObservation[] = [];
  const anchors: ({ itemId: string } & Anchor)[] = [];
  for (const r of rows) {
    const anchor = anchorOf(r.anchor_quantity, r.anchor_from, r.anchor_to);
    const read = anchorOf(r.agreed_quantity, r.agreed_from, r.agreed_to);
    const decision = settleAgreedRead(anchor, read, events.get(r.id) ?? []);
    // A "don't sync" item's quantity is the seller's to set on the channel: a read is never an edit to judge.
    if (decision === "judge" && r.syncs) toJudge.push({ itemId: r.id, seen: read.quantity, read, prev: anchor });
    if (decision !== "drop") anchors.push({ itemId: r.id, ...read });
  }
  await queueObservations(tx, conn, toJudge);
  await tx.execute(sql`update channel_items set agreed_quantity = null, agreed_from = null, agreed_to = null where ${inSet(sql`id`, rows.map((r) => r.id), "uuid")}`);
  await setAnchors(tx, anchors);
  await markOffTarget(
    tx,
    anchors.map((a) => a.itemId),
  );
}

/**
 * Before something else moves these items' anchors (a write, a push's read), their agreed
 * reads are queued to be judged, each against the anchor it agreed with, and become the
 * anchor: what they saw is neither lost nor counted twice.
 */
export async function judgeAgreedReads(tx: Tx, conn: Pick<Conn, "id" | "orgId">, itemIds: string[]): Promise<void> {
  if (itemIds.length === 0) return;
  const rows = rowsOf<AgreedRow>(
    await tx.execute(sql`
      select id, anchor_quantity, anchor_from, anchor_to, agreed_quantity, agreed_from, agreed_to from channel_items
      where ${inSet(sql`id`, itemIds, "uuid")} and agreed_quantity is not null and anchor_quantity is not null
      order by id for update`),
  );
  if (rows.length === 0) return;
  const reads = rows.map((r) => ({ itemId: r.id, ...anchorOf(r.agreed_quantity, r.agreed_from, r.agreed_to) }));
  await queueObservations(
    tx,
    conn,
    rows.map((r, i) => ({ itemId: r.id, seen: reads[i].quantity, read: reads[i], prev: anchorOf(r.anchor_quantity, r.anchor_from, r.anchor_to) })),
  );
  await setAnchors(tx, reads);
}

type IntentUpdate = { id: string; status: "confirmed" | "not_applied" | "unknown"; confirmed_at: string | null; error: string | null };

/**
 * Judges reads of distinct items in one transaction: each read's verdict is worked out alone
 * (judgeObservation), and what the explained ones change (intents settled, sales pinned, items
 * marked off target) is written a statement per kind. An edit is recorded on its own, after
 * everything judged before it is written, as if each read had its own transaction.
 * Returns the products whose stock an edit moved.
 */
async function judgeBatch(tx: Tx, conn: Conn, batch: ChannelObservation[], policy: ChannelEditPolicy): Promise<string[]> {
  // Deleting them first makes a concurrent or replayed judgement of the same reads a no-op.
  const claimed = new Set(
    rowsOf<{ id: string }>(await tx.execute(sql`delete from channel_observations where ${inSet(sql`id`, batch.map((o) => o.id), "uuid")} returning id`)).map((r) => r.id),
  );
  const reads = batch.filter((o) => claimed.has(o.id));
  if (reads.length === 0) return [];
  const items = new Map(
    rowsOf<{ id: string; product_id: string | null; bundle: boolean; syncs: boolean }>(
      await tx.execute(sql`
        select c.id, c.product_id, exists (select 1 from bundle_components bc where bc.bundle_id = c.product_id) as bundle, ${itemSyncsSql("c")} as syncs
        from channel_items c where ${inSet(sql`c.id`, reads.map((o) => o.channelItemId), "uuid")} order by c.id for update`),
    ).map((r) => [r.id, r]),
  );
  const intentIds = reads.flatMap((o) => (o.intentId ? [o.intentId] : []));
  const intents = new Map(
    intentIds.length === 0
      ? []
      : rowsOf<{ id: string; status: string; confirmed_at: string | Date | null }>(
          await tx.execute(sql`select id, status, confirmed_at from push_intents where ${inSet(sql`id`, intentIds, "uuid")}`),
        ).map((r) => [r.id, { status: r.status, confirmedAt: r.confirmed_at === null ? null : new Date(r.confirmed_at) }]),
  );
  const judged = reads.flatMap((o) => {
    if (!items.has(o.channelItemId)) return [];
    const prev: Anchor = { quantity: o.prevQuantity, from: o.prevFrom, to: o.prevTo };
    // An earlier read may have settled the write since this one was queued: it did not land, or it
    // landed before the anchor this read is judged against (which then includes it).
    const intent = o.intentId ? intents.get(o.intentId) : undefined;
    const settledBefore =
      intent?.status === "not_applied" || intent?.status === "failed" || (intent?.status === "confirmed" && intent.confirmedAt !== null && intent.confirmedAt <= o.prevFrom);
    const unsettledWrite = intent && !settledBefore && o.intentQuantity !== null && o.intentSentAt ? { quantity: o.intentQuantity, sentAt: o.intentSentAt } : null;
    const since = sinceAnchor(unsettledWrite && unsettledWrite.sentAt < prev.from ? unsettledWrite.sentAt : prev.from);
    return [{ o, prev, unsettledWrite, stillUnsettled: intent?.status === "sent", since }];
  });
  const events = await channelEvents(
    tx,
    judged.map((j) => ({ id: j.o.channelItemId, since: j.since })),
  );

  const intentUpdates: IntentUpdate[] = [];
  const pins: { itemId: string; events: ChannelEvent[]; by: Date }[] = [];
  const offTarget: string[] = [];
  const flush = async () => {
    await settleIntents(tx, intentUpdates.splice(0));
    await pinBefore(tx, pins.splice(0));
    // Explained is not in sync: a sale our write overwrote leaves the channel above the ledger.
    await markOffTarget(tx, offTarget.splice(0));
  };
  const moved: string[] = [];
  for (const { o, prev, unsettledWrite, stillUnsettled } of judged) {
    const itemEvents = events.get(o.channelItemId) ?? [];
    const read = { from: o.readFrom, to: o.readTo };
    const verdict = judgeObservation({ seen: o.quantity, read, prev, unsettledWrite }, itemEvents);
    if (o.intentId && stillUnsettled) {
      const status = verdict.kind === "explained" ? (verdict.by === "write" ? "confirmed" : "not_applied") : "unknown";
      intentUpdates.push({
        id: o.intentId,
        status,
        // Confirmed by this read: it had landed by the time the read began.
        confirmed_at: status === "confirmed" ? o.readFrom.toISOString() : null,
        error: status === "unknown" ? "The process stopped during this write; a later read could not tell whether it landed." : null,
      });
    }
    if (verdict.kind === "explained") {
      if (verdict.by === "anchor") pins.push({ itemId: o.channelItemId, events: eventsBeforeRead({ seen: o.quantity, read, prev }, itemEvents), by: o.readFrom });
      offTarget.push(o.channelItemId);
      continue;
    }
    const item = items.get(o.channelItemId);
    const productId = item?.product_id;
    // A "don't sync" item shows what the seller sets on the channel: no edit to take, nothing to push back.
    if (!productId || !item.syncs) continue;
    // A bundle's quantity is its components': an edit on its listing cannot invent component stock, so it is overwritten.
    const decision = reconcileDecision({ seen: o.quantity, expected: verdict.expected, expectedLow: verdict.expectedLow, policy: item.bundle ? "overwrite" : policy, channelName: channelName(conn) });
    if (decision.kind === "none") continue;
    await flush();
    if (decision.kind === "overwrite") await tx.update(channelItems).set({ pushStatus: "pending", updatedAt: sql`now()` }).where(eq(channelItems.id, o.channelItemId));
    await applyMovement(tx, {
      orgId: conn.orgId,
      productId,
      delta: decision.kind === "accept" ? decision.delta : 0,
      reason: "channel_edit",
      // One read is one edit at most, however often it is judged.
      sourceKey: `channel-edit:${o.id}`,
      actor: { type: "connection", id: conn.id },
      note: decision.note,
    });
    moved.push(productId);
  }
  await flush();
  return moved;
}

/** Writes of ours that reads have settled: still `sent` only, so a concurrent settlement wins. */
async function settleIntents(tx: Tx, updates: IntentUpdate[]): Promise<void> {
  if (updates.length === 0) return;
  await tx.execute(sql`
    update push_intents p set status = v.status, confirmed_at = v.confirmed_at, error = v.error
    from jsonb_to_recordset(${records(updates)}) as v(id uuid, status text, confirmed_at timestamptz, error text)
    where p.id = v.id and p.status = 'sent'`);
}

/**
 * Judged reads proved these sales and cancellations had happened by `by` (eventsBeforeRead):
 * record it. `by` is the start of the read's call (one HTTP request), so anchors at that read
 * or after count them as in it. An order line belongs to one item, so it is pinned once.
 */
async function pinBefore(tx: Tx, pins: { itemId: string; events: ChannelEvent[]; by: Date }[]): Promise<void> {
  const lines = (kind: "sale" | "cancel") => pins.flatMap((p) => p.events.flatMap((e) => (e.line?.kind === kind ? [{ id: e.line.id, at: p.by.toISOString() }] : [])));
  const sales = lines("sale");
  const cancels = lines("cancel");
  if (sales.length === 0 && cancels.length === 0) return;
  if (sales.length > 0)
    await tx.execute(sql`
      update order_lines l set placed_by = least(coalesce(l.placed_by, v.at), v.at)
      from jsonb_to_recordset(${records(sales)}) as v(id uuid, at timestamptz) where l.id = v.id`);
  if (cancels.length > 0)
    await tx.execute(sql`
      update order_lines l set cancel_seen_at = least(coalesce(l.cancel_seen_at, v.at), v.at)
      from jsonb_to_recordset(${records(cancels)}) as v(id uuid, at timestamptz) where l.id = v.id and l.cancelled_at is not null`);
  await refreshExpected(
    tx,
    pins.filter((p) => p.events.some((e) => e.line)).map((p) => p.itemId),
  );
}
