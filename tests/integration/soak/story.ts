import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { rowsOf } from "@/db/sets";
import { channelItems, marketplaceConnections, orderLines, orders, products, pushIntents, stockMovements } from "@/db/schema";
import type { watchEtsyTraffic } from "./etsy-traffic";
import type { World } from "./world";

// One SKU's whole story, in time order, for a soak that went wrong: what the test did (sales,
// cancellations, edits), what the Etsy sandbox held at each read and write of the listing,
// and what Stockroom recorded (movements, order imports, push intents). Times are seconds
// from the soak's start.

type Line = { at: number; text: string };

/**
 * Keeps a copy of every queued read (channel_observations rows are deleted once judged) and
 * of every change of an item's anchor, for the stories. Test-side triggers: the engine is untouched.
 */
export async function traceChannelState() {
  await db.execute(sql`drop table if exists soak_observation_trace`);
  await db.execute(sql`drop table if exists soak_anchor_trace`);
  await db.execute(sql`
    create table soak_observation_trace (id uuid, channel_item_id uuid, quantity int, read_from timestamptz, read_to timestamptz,
      prev_quantity int, prev_from timestamptz, intent_quantity int, intent_sent_at timestamptz,
      queued_at timestamptz default clock_timestamp(), judged_at timestamptz)`);
  await db.execute(sql`
    create table soak_anchor_trace (channel_item_id uuid, quantity int, anchor_from timestamptz, anchor_to timestamptz, agreed_quantity int, agreed_from timestamptz, last_seen int, unsure int, at timestamptz default clock_timestamp())`);
  await db.execute(sql`
    create or replace function soak_trace_observation() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        insert into soak_observation_trace (id, channel_item_id, quantity, read_from, read_to, prev_quantity, prev_from, intent_quantity, intent_sent_at)
        values (new.id, new.channel_item_id, new.quantity, new.read_from, new.read_to, new.prev_quantity, new.prev_from, new.intent_quantity, new.intent_sent_at);
        return new;
      end if;
      update soak_observation_trace set judged_at = clock_timestamp() where id = old.id;
      return old;
    end $$`);
  await db.execute(sql`
    create or replace function soak_trace_anchor() returns trigger language plpgsql as $$
    begin
      if new.anchor_from is distinct from old.anchor_from or new.last_seen_quantity is distinct from old.last_seen_quantity or new.unsure_units <> old.unsure_units or new.agreed_from is distinct from old.agreed_from then
        insert into soak_anchor_trace (channel_item_id, quantity, anchor_from, anchor_to, agreed_quantity, agreed_from, last_seen, unsure)
        values (new.id, new.anchor_quantity, new.anchor_from, new.anchor_to, new.agreed_quantity, new.agreed_from, new.last_seen_quantity, new.unsure_units);
      end if;
      return new;
    end $$`);
  await db.execute(sql`drop trigger if exists soak_trace_observation on channel_observations`);
  await db.execute(sql`create trigger soak_trace_observation after insert or delete on channel_observations for each row execute function soak_trace_observation()`);
  await db.execute(sql`drop trigger if exists soak_trace_anchor on channel_items`);
  await db.execute(sql`create trigger soak_trace_anchor after update on channel_items for each row execute function soak_trace_anchor()`);
}

export async function skuStory(sku: string, o: { t0: number; world: World; traffic: ReturnType<typeof watchEtsyTraffic>; orgId: string; kills: number[] }): Promise<string> {
  const { t0, world, traffic } = o;
  const s = world.skus.find((x) => x.sku === sku);
  if (!s) return `${sku}: not in the soak`;
  const lines: Line[] = [];
  const push = (at: number, text: string) => lines.push({ at, text });
  for (const sale of world.sales.filter((x) => x.sku === sku)) {
    push(sale.at, `buyer: ${sale.channel} sale of ${sale.quantity} (${sale.externalId})`);
    if (sale.cancelledAt !== undefined) push(sale.cancelledAt, `buyer: cancels ${sale.channel} ${sale.externalId} (+${sale.quantity})`);
  }
  for (const m of world.manualEdits.filter((x) => x.sku === sku)) push(m.at, `manager: manual ${m.delta > 0 ? "+" : ""}${m.delta} in Stockroom`);
  for (const e of [...world.genuineEdits, ...world.erasedEdits].filter((x) => x.sku === sku)) push(e.at, `seller: Etsy edit ${e.delta > 0 ? "+" : ""}${e.delta}`);
  for (const k of o.kills) push(k, "ENGINE KILLED");
  for (const r of traffic.reads.filter((x) => x.listingId === s.listingId)) push(r.at - t0, `etsy read  ${r.op}: ${r.quantities[sku] ?? "?"} (${r.state})`);
  for (const w of traffic.writes.filter((x) => x.listingId === s.listingId)) push(w.at - t0, `etsy WRITE: ${w.quantities[sku] ?? "?"} (${w.state})`);

  const rel = (d: Date) => d.getTime() - t0;
  const moves = await db
    .select({ at: stockMovements.createdAt, delta: stockMovements.delta, after: stockMovements.onHandAfter, reason: stockMovements.reason, note: stockMovements.note })
    .from(stockMovements)
    .where(eq(stockMovements.productId, s.productId));
  for (const m of moves) push(rel(m.at), `ledger: ${m.reason} ${m.delta > 0 ? "+" : ""}${m.delta} → ${m.after}${m.reason === "channel_edit" ? ` (${m.note})` : ""}`);
  const lines2 = await db
    .select({ placed: orders.placedAt, imported: orders.createdAt, ext: orders.externalId, q: orderLines.quantity, cancelled: orderLines.cancelledAt, cancelSeen: orderLines.cancelSeenAt, marketplace: marketplaceConnections.marketplace })
    .from(orderLines)
    .innerJoin(orders, eq(orders.id, orderLines.orderId))
    .innerJoin(marketplaceConnections, eq(marketplaceConnections.id, orders.connectionId))
    .where(eq(orderLines.productId, s.productId));
  for (const l of lines2) {
    push(rel(l.placed), `stockroom: ${l.marketplace} order ${l.ext} placed (stamp), imported at +${(rel(l.imported) / 1000).toFixed(3)} s`);
    if (l.cancelled) push(rel(l.cancelled), `stockroom: ${l.marketplace} order ${l.ext} cancelled (stamp), seen at +${l.cancelSeen ? (rel(l.cancelSeen) / 1000).toFixed(3) : "?"} s`);
  }
  const intents = await db
    .select({ sent: pushIntents.sentAt, confirmed: pushIntents.confirmedAt, q: pushIntents.quantity, status: pushIntents.status, marketplace: marketplaceConnections.marketplace })
    .from(pushIntents)
    .innerJoin(channelItems, eq(channelItems.id, pushIntents.channelItemId))
    .innerJoin(marketplaceConnections, eq(marketplaceConnections.id, pushIntents.connectionId))
    .where(and(eq(channelItems.productId, s.productId), eq(channelItems.orgId, o.orgId)));
  for (const i of intents) push(rel(i.sent), `stockroom: ${i.marketplace} intent ${i.q} ${i.status}${i.confirmed ? `, confirmed at +${(rel(i.confirmed) / 1000).toFixed(3)} s` : ""}`);
  const secs = (d: string | Date | null) => (d ? `+${(rel(new Date(d)) / 1000).toFixed(3)} s` : "-");
  type Obs = { marketplace: string; quantity: number; read_from: string; prev_quantity: number; prev_from: string; intent_quantity: number | null; intent_sent_at: string | null; queued_at: string; judged_at: string | null };
  const observations = rowsOf<Obs>(
    await db.execute(sql`select m.marketplace, o.* from soak_observation_trace o join channel_items c on c.id = o.channel_item_id join marketplace_connections m on m.id = c.connection_id where c.product_id = ${s.productId}`),
  );
  for (const x of observations)
    push(
      rel(new Date(x.queued_at)),
      `stockroom: ${x.marketplace} read of ${x.quantity} at ${secs(x.read_from)} queued against anchor ${x.prev_quantity} at ${secs(x.prev_from)}` +
        `${x.intent_quantity !== null ? `, unsettled write ${x.intent_quantity} sent ${secs(x.intent_sent_at)}` : ""}; judged ${secs(x.judged_at)}`,
    );
  type Anch = { marketplace: string; quantity: number; anchor_from: string; agreed_quantity: number | null; agreed_from: string | null; last_seen: number; unsure: number; at: string };
  const anchorsSeen = rowsOf<Anch>(
    await db.execute(sql`select m.marketplace, a.* from soak_anchor_trace a join channel_items c on c.id = a.channel_item_id join marketplace_connections m on m.id = c.connection_id where c.product_id = ${s.productId} and m.marketplace = 'etsy'`),
  );
  for (const a of anchorsSeen)
    push(rel(new Date(a.at)), `stockroom: etsy anchor ${a.quantity} at ${secs(a.anchor_from)}${a.agreed_quantity !== null ? ` (agreed read ${a.agreed_quantity} at ${secs(a.agreed_from)})` : ""} → expects ${a.last_seen}${a.unsure ? `..${a.last_seen + a.unsure}` : ""}`);
  const [p] = await db.select({ onHand: products.onHand }).from(products).where(eq(products.id, s.productId));
  const anchors = rowsOf(await db.execute(sql`select c.anchor_quantity, c.anchor_from, c.last_seen_quantity, c.unsure_units, m.marketplace from channel_items c join marketplace_connections m on m.id = c.connection_id where c.product_id = ${s.productId}`));
  lines.sort((a, b) => a.at - b.at);
  return [
    `story of ${sku} (on_hand ${p?.onHand}, expected ${world.expected.get(sku)}; items ${JSON.stringify([...anchors])})`,
    ...lines.map((l) => `  ${(l.at / 1000).toFixed(3).padStart(8)} s  ${l.text}`),
  ].join("\n");
}
