import { and, asc, eq, lt, sql } from "drizzle-orm";
import { db, type Tx } from "@/db/client";
import { retryingTransaction } from "@/db/retry";
import { inSet, records, rowsOf } from "@/db/sets";
import { channelItems, channelObservations, pushIntents, type ChannelObservation, type MarketplaceConnection } from "@/db/schema";
import { channelName, emptyCounts, type PageCounts } from "@/lib/sync/types";
import { channelEvents, markOffTarget, refreshExpected, setAnchors, sinceAnchor } from "./channel-state";
import { eventsBeforeRead, judgeObservation, settleAgreedRead, type Anchor, type ChannelEvent, type Window } from "./expectation";
import { applyMovement } from "./ledger";
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
  const due = await db
    .select()
    .from(channelObservations)
    .where(and(eq(channelObservations.connectionId, conn.id), lt(channelObservations.readTo, readBefore)))
    .orderBy(asc(channelObservations.readTo));
  for (const o of due) {
    counts.seen++;
    const outcome = await retryingTransaction((tx) => judge(tx, conn, o, policy));
    if (outcome.error) counts.errors.push(outcome.error);
    if (outcome.productId) {
      counts.updated++;
      counts.productIds.push(outcome.productId);
    }
  }
  counts.productIds = [...new Set(counts.productIds)];
  return counts;
}

type AgreedRow = { id: string; anchor_quantity: number; anchor_from: string | Date; anchor_to: string | Date; agreed_quantity: number; agreed_from: string | Date; agreed_to: string | Date };
const anchorOf = (q: number, from: string | Date, to: string | Date): Anchor => ({ quantity: Number(q), from: new Date(from), to: new Date(to) });

/**
 * Listings reads that agreed with the expectation, made before `readBefore` (every order
 * placed before them is imported now): each becomes the anchor, or is queued to be judged
 * if the orders show it disagreed (settleAgreedRead).
 */
async function settleAgreedReads(tx: Tx, conn: Pick<Conn, "id" | "orgId">, readBefore: Date): Promise<void> {
  const rows = rowsOf<AgreedRow>(
    await tx.execute(sql`
      select id, anchor_quantity, anchor_from, anchor_to, agreed_quantity, agreed_from, agreed_to from channel_items
      where connection_id = ${conn.id} and agreed_to < ${readBefore.toISOString()}::timestamptz and anchor_quantity is not null
      order by id for update`),
  );
  if (rows.length === 0) return;
  const events = await channelEvents(tx, rows.map((r) => ({ id: r.id, since: sinceAnchor(new Date(r.anchor_from)) })));
  const toJudge: QuantityObservation[] = [];
  const anchors: ({ itemId: string } & Anchor)[] = [];
  for (const r of rows) {
    const anchor = anchorOf(r.anchor_quantity, r.anchor_from, r.anchor_to);
    const read = anchorOf(r.agreed_quantity, r.agreed_from, r.agreed_to);
    const decision = settleAgreedRead(anchor, read, events.get(r.id) ?? []);
    if (decision === "judge") toJudge.push({ itemId: r.id, seen: read.quantity, read, prev: anchor });
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

async function judge(tx: Tx, conn: Conn, o: ChannelObservation, policy: ChannelEditPolicy): Promise<{ productId?: string; error?: { ref: string; message: string } }> {
  // Deleting it first makes a concurrent or replayed judgement of the same read a no-op.
  const [claimed] = await tx.delete(channelObservations).where(eq(channelObservations.id, o.id)).returning({ id: channelObservations.id });
  if (!claimed) return {};
  const [item] = await tx.select().from(channelItems).where(eq(channelItems.id, o.channelItemId)).for("update");
  if (!item) return {};
  const prev: Anchor = { quantity: o.prevQuantity, from: o.prevFrom, to: o.prevTo };
  // An earlier read may have settled the write since this one was queued: it did not land, or it
  // landed before the anchor this read is judged against (which then includes it).
  const [intent] = o.intentId ? await tx.select({ status: pushIntents.status, confirmedAt: pushIntents.confirmedAt }).from(pushIntents).where(eq(pushIntents.id, o.intentId)) : [];
  const settledBefore =
    intent?.status === "not_applied" || intent?.status === "failed" || (intent?.status === "confirmed" && intent.confirmedAt !== null && intent.confirmedAt <= o.prevFrom);
  const stillUnsettled = intent?.status === "sent";
  const unsettledWrite = intent && !settledBefore && o.intentQuantity !== null && o.intentSentAt ? { quantity: o.intentQuantity, sentAt: o.intentSentAt } : null;
  const since = sinceAnchor(unsettledWrite && unsettledWrite.sentAt < prev.from ? unsettledWrite.sentAt : prev.from);
  const events = (await channelEvents(tx, [{ id: item.id, since }])).get(item.id) ?? [];
  const verdict = judgeObservation({ seen: o.quantity, read: { from: o.readFrom, to: o.readTo }, prev, unsettledWrite }, events);

  if (o.intentId && stillUnsettled) {
    const status = verdict.kind === "explained" ? (verdict.by === "write" ? "confirmed" : "not_applied") : "unknown";
    await tx
      .update(pushIntents)
      // Confirmed by this read: it had landed by the time the read began.
      .set({ status, confirmedAt: status === "confirmed" ? o.readFrom : null, error: status === "unknown" ? "The process stopped during this write; a later read could not tell whether it landed." : null })
      .where(and(eq(pushIntents.id, o.intentId), eq(pushIntents.status, "sent")));
  }
  if (verdict.kind === "explained") {
    if (verdict.by === "anchor") await pinBefore(tx, item.id, eventsBeforeRead({ seen: o.quantity, read: { from: o.readFrom, to: o.readTo }, prev }, events), o.readFrom);
    // Explained is not in sync: a sale our write overwrote leaves the channel above the ledger.
    await markOffTarget(tx, [item.id]);
    return {};
  }
  const name = channelName(conn);
  if (!item.productId) return {};
  const decision = reconcileDecision({ seen: o.quantity, expected: verdict.expected, expectedLow: verdict.expectedLow, policy, channelName: name });
  if (decision.kind === "none") return {};
  if (decision.kind === "overwrite") await tx.update(channelItems).set({ pushStatus: "pending", updatedAt: sql`now()` }).where(eq(channelItems.id, item.id));
  await applyMovement(tx, {
    orgId: conn.orgId,
    productId: item.productId,
    delta: decision.kind === "accept" ? decision.delta : 0,
    reason: "channel_edit",
    // One read is one edit at most, however often it is judged.
    sourceKey: `channel-edit:${o.id}`,
    actor: { type: "connection", id: conn.id },
    note: decision.note,
  });
  return { productId: item.productId };
}

/**
 * A judged read proved these sales and cancellations had happened by `by` (eventsBeforeRead):
 * record it. `by` is the start of the read's call (one HTTP request), so anchors at that read
 * or after count them as in it.
 */
async function pinBefore(tx: Tx, itemId: string, events: ChannelEvent[], by: Date): Promise<void> {
  const sales = events.flatMap((e) => (e.line?.kind === "sale" ? [e.line.id] : []));
  const cancels = events.flatMap((e) => (e.line?.kind === "cancel" ? [e.line.id] : []));
  if (sales.length === 0 && cancels.length === 0) return;
  const at = sql`${by.toISOString()}::timestamptz`;
  if (sales.length > 0) await tx.execute(sql`update order_lines set placed_by = least(coalesce(placed_by, ${at}), ${at}) where ${inSet(sql`id`, sales, "uuid")}`);
  if (cancels.length > 0)
    await tx.execute(sql`update order_lines set cancel_seen_at = least(coalesce(cancel_seen_at, ${at}), ${at}) where ${inSet(sql`id`, cancels, "uuid")} and cancelled_at is not null`);
  await refreshExpected(tx, [itemId]);
}
