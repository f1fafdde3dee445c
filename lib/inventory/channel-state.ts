import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { inSet, records, rowsOf } from "@/db/sets";
import { itemTargetSql } from "./target-sql";
import { CLOCK_MARGIN_MS, expectedNow, type Anchor, type ChannelEvent } from "./expectation";

// Loads and stores what lib/inventory/expectation.ts reasons about: anchors and the
// channel's own sales and cancellations since.

/** The channel's own quantity changes of each item at or after `since`. */
export async function channelEvents(tx: DbOrTx, items: { id: string; since: Date }[]): Promise<Map<string, ChannelEvent[]>> {
  const out = new Map<string, ChannelEvent[]>(items.map((i) => [i.id, []]));
  if (items.length === 0) return out;
  type Row = {
    item: string;
    line: string;
    placed_at: string | Date;
    placed_by: string | Date | null;
    quantity: number;
    cancelled_at: string | Date | null;
    cancel_seen_at: string | Date | null;
    since: string | Date;
  };
  const rows = rowsOf<Row>(
    await tx.execute(sql`
      select l.channel_item_id as item, l.id as line, o.placed_at, l.placed_by, l.quantity, l.cancelled_at, l.cancel_seen_at, v.since
      from jsonb_to_recordset(${records(items.map((i) => ({ id: i.id, since: i.since.toISOString() })))}) as v(id uuid, since timestamptz)
      join order_lines l on l.channel_item_id = v.id
      join orders o on o.id = l.order_id
      where o.placed_at >= v.since or coalesce(l.cancel_seen_at, l.cancelled_at) >= v.since`),
  );
  for (const r of rows) {
    const list = out.get(r.item);
    if (!list) continue;
    const since = new Date(r.since).getTime();
    const placed = new Date(r.placed_at);
    const line = (kind: "sale" | "cancel") => ({ id: r.line, kind });
    if (placed.getTime() >= since) list.push({ at: placed, ...(r.placed_by ? { until: new Date(r.placed_by) } : {}), delta: -Number(r.quantity), line: line("sale") });
    if (r.cancelled_at) {
      const cancel = { at: new Date(r.cancelled_at), until: new Date(r.cancel_seen_at ?? r.cancelled_at), delta: Number(r.quantity), line: line("cancel") };
      if (cancel.until.getTime() >= since) list.push(cancel);
    }
  }
  return out;
}

/** Events older than this before an anchor are reflected in it whatever the margin. */
export const sinceAnchor = (from: Date) => new Date(from.getTime() - 2 * CLOCK_MARGIN_MS);

/**
 * Recomputes what each item shows now from its anchor and the events since, in one
 * statement: `last_seen_quantity` the lowest it may show, `unsure_units` how many more
 * it may show. Call after anything that moves an anchor or imports the channel's orders.
 */
export async function refreshExpected(tx: DbOrTx, itemIds: string[]): Promise<void> {
  const ids = [...new Set(itemIds)];
  if (ids.length === 0) return;
  const anchors = rowsOf<{ id: string; quantity: number; from: string | Date; to: string | Date }>(
    await tx.execute(sql`
      select c.id, c.anchor_quantity as quantity, c.anchor_from as "from", c.anchor_to as "to"
      from channel_items c
      where ${inSet(sql`c.id`, ids, "uuid")} and c.anchor_quantity is not null`),
  );
  if (anchors.length === 0) return;
  const parsed = anchors.map((a) => ({ id: a.id, anchor: { quantity: Number(a.quantity), from: new Date(a.from), to: new Date(a.to) } satisfies Anchor }));
  const events = await channelEvents(tx, parsed.map((a) => ({ id: a.id, since: sinceAnchor(a.anchor.from) })));
  const values = parsed.map((a) => {
    const r = expectedNow(a.anchor, events.get(a.id) ?? []);
    return { id: a.id, low: r.low, unsure: r.high - r.low };
  });
  await tx.execute(sql`
    update channel_items c set last_seen_quantity = v.low, unsure_units = v.unsure
    from jsonb_to_recordset(${records(values)}) as v(id uuid, low int, unsure int)
    where c.id = v.id and (c.last_seen_quantity is distinct from v.low or c.unsure_units <> v.unsure)`);
}

/** Moves items' anchors to new absolute facts (a confirmed write, or a push's read), then recomputes them. */
export async function setAnchors(tx: DbOrTx, anchors: ({ itemId: string } & Anchor)[]): Promise<void> {
  if (anchors.length === 0) return;
  await tx.execute(sql`
    update channel_items c set anchor_quantity = v.quantity, anchor_from = v.from_at, anchor_to = v.to_at, agreed_quantity = null, agreed_from = null, agreed_to = null
    from jsonb_to_recordset(${records(anchors.map((a) => ({ id: a.itemId, quantity: a.quantity, from_at: a.from.toISOString(), to_at: a.to.toISOString() })))})
      as v(id uuid, quantity int, from_at timestamptz, to_at timestamptz)
    where c.id = v.id`);
  await refreshExpected(
    tx,
    anchors.map((a) => a.itemId),
  );
}

/**
 * Items in sync by their status whose channel may not show their target: pending, so the next push
 * looks. A "don't sync" item has no target (null) and is never marked.
 */
export async function markOffTarget(tx: DbOrTx, itemIds: string[]): Promise<void> {
  if (itemIds.length === 0) return;
  const target = itemTargetSql();
  await tx.execute(sql`
    update channel_items c set push_status = 'pending', updated_at = now()
    from products p, marketplace_connections m
    where ${inSet(sql`c.id`, itemIds, "uuid")} and p.id = c.product_id and m.id = c.connection_id and c.push_status = 'in_sync'
      and ${target} is not null and (c.unsure_units > 0 or c.last_seen_quantity is distinct from ${target})`);
}
