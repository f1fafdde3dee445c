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
  const [p] = await db.select({ onHand: products.onHand }).from(products).where(eq(products.id, s.productId));
  const anchors = rowsOf(await db.execute(sql`select c.anchor_quantity, c.anchor_from, c.last_seen_quantity, c.unsure_units, m.marketplace from channel_items c join marketplace_connections m on m.id = c.connection_id where c.product_id = ${s.productId}`));
  lines.sort((a, b) => a.at - b.at);
  return [
    `story of ${sku} (on_hand ${p?.onHand}, expected ${world.expected.get(sku)}; items ${JSON.stringify([...anchors])})`,
    ...lines.map((l) => `  ${(l.at / 1000).toFixed(3).padStart(8)} s  ${l.text}`),
  ].join("\n");
}
