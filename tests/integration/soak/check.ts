import { and, eq, inArray, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { orderLines, orders, products, stockMovements, syncRuns, type Marketplace } from "@/db/schema";
import { availableStock } from "@/lib/inventory/targets";
import { etsyAvailable, type Control } from "../sandbox-control";
import type { World } from "./world";

// The soak's verdict: what the database and the channels hold against what the test did.

// Any connection: the soak drives Etsy and eBay, the marketplace only filters its sales.
type Conn = { id: string; marketplace: Marketplace };
export type ChannelView = { sku: string; channel: "etsy" | "ebay"; shows: number; target: number };

/** What every channel shows next to the target the ledger gives it now. */
export async function channelViews(control: Control, world: World, orgId: string): Promise<ChannelView[]> {
  const rows = await db.select({ sku: products.sku, onHand: products.onHand, reserve: products.reserve }).from(products).where(eq(products.orgId, orgId));
  const target = new Map(rows.map((r) => [r.sku, availableStock(r.onHand, r.reserve)]));
  const out: ChannelView[] = [];
  for (const s of world.skus) {
    const t = target.get(s.sku) ?? -1;
    out.push({ sku: s.sku, channel: "etsy", shows: etsyAvailable(await control.etsyListing(s.listingId), s.sku), target: t });
    const item = (await control.ebayItem(world.seller, s.sku)) as { offers?: { availableQuantity?: number }[] };
    out.push({ sku: s.sku, channel: "ebay", shows: item.offers?.[0]?.availableQuantity ?? -1, target: t });
  }
  return out;
}

/** External ids of the placed orders Stockroom has not stored yet. */
export async function missingOrders(world: World, conns: Conn[]): Promise<string[]> {
  const missing: string[] = [];
  for (const c of conns) {
    const placed = world.sales.filter((s) => s.channel === c.marketplace).map((s) => s.externalId);
    if (placed.length === 0) continue;
    const stored = await db.select({ id: orders.externalId }).from(orders).where(and(eq(orders.connectionId, c.id), inArray(orders.externalId, placed)));
    const have = new Set(stored.map((r) => r.id));
    missing.push(...placed.filter((id) => !have.has(id)).map((id) => `${c.marketplace}:${id}`));
  }
  return missing;
}

export async function verdict(control: Control, world: World, orgId: string, conns: Conn[]) {
  const lost = await missingOrders(world, conns);
  // Every soak order has one line: a second line, or a second order with the same id, is a duplicate.
  const lineCounts = await db
    .select({ order: orders.externalId, lines: sql<number>`count(${orderLines.id})::int` })
    .from(orders)
    .leftJoin(orderLines, eq(orderLines.orderId, orders.id))
    .where(eq(orders.orgId, orgId))
    .groupBy(orders.id, orders.externalId);
  const placedIds = new Set(world.sales.map((s) => s.externalId));
  const duplicated = lineCounts.filter((r) => r.lines > 1).map((r) => `${r.order} has ${r.lines} lines`);
  const unknown = lineCounts.filter((r) => !placedIds.has(r.order)).map((r) => `${r.order} was never placed`);

  const stock = await db.select({ id: products.id, sku: products.sku, onHand: products.onHand }).from(products).where(eq(products.orgId, orgId));

  // Each genuine edit must be one channel_edit movement of exactly its delta; anything else is a phantom.
  const skuOf = new Map(stock.map((p) => [p.id, p.sku]));
  const edits = await db
    .select({ productId: stockMovements.productId, delta: stockMovements.delta, at: stockMovements.createdAt, note: stockMovements.note })
    .from(stockMovements)
    .where(and(eq(stockMovements.orgId, orgId), eq(stockMovements.reason, "channel_edit")))
    .orderBy(stockMovements.createdAt);
  const unmatched = [...world.genuineEdits];
  const phantoms: string[] = [];
  // Edits the engine could only size within a range (sales stamped in the same second as the
  // read), recorded as the change that invents no stock and saying so in their note: the true
  // edit must lie in that range, and the product is then short by the difference.
  const ambiguous: string[] = [];
  const shortBy = new Map<string, number>();
  const editsBySku = new Map<string, string[]>();
  for (const e of edits) {
    const sku = skuOf.get(e.productId) ?? e.productId;
    const text = `${sku} ${e.delta > 0 ? "+" : ""}${e.delta} at ${e.at.toISOString()} (${e.note ?? ""})`;
    editsBySku.set(sku, [...(editsBySku.get(sku) ?? []), text]);
    const i = unmatched.findIndex((g) => g.sku === sku && g.delta === e.delta);
    const range = /from (\d+)–(\d+) to (\d+) on the channel/.exec(e.note ?? "");
    const j = range ? unmatched.findIndex((g) => g.sku === sku && g.delta >= Number(range[3]) - Number(range[2]) && g.delta <= Number(range[3]) - Number(range[1])) : -1;
    if (i >= 0) unmatched.splice(i, 1);
    else if (j >= 0) {
      const [g] = unmatched.splice(j, 1);
      ambiguous.push(`${text}: the seller's edit was ${g.delta > 0 ? "+" : ""}${g.delta}`);
      shortBy.set(sku, (shortBy.get(sku) ?? 0) + (g.delta - e.delta));
    } else phantoms.push(text);
  }
  const mismatchedProducts = stock
    .filter((p) => world.expected.has(p.sku) && (world.expected.get(p.sku) ?? 0) - (shortBy.get(p.sku) ?? 0) !== p.onHand)
    .map((p) => `${p.sku}: on_hand ${p.onHand}, expected ${world.expected.get(p.sku)}${shortBy.has(p.sku) ? ` less ${shortBy.get(p.sku)} (ambiguous edit)` : ""}`);

  const mismatchedChannels = (await channelViews(control, world, orgId)).filter((v) => v.shows !== v.target).map((v) => `${v.channel} ${v.sku}: shows ${v.shows}, target ${v.target}`);
  const running = await db
    .select({ id: syncRuns.id, kind: syncRuns.kind, startedAt: syncRuns.startedAt })
    .from(syncRuns)
    .where(and(inArray(syncRuns.connectionId, conns.map((c) => c.id)), eq(syncRuns.status, "running")));
  return {
    lost,
    duplicated: [...duplicated, ...unknown],
    mismatchedProducts,
    channelEdits: edits.length,
    phantoms,
    ambiguous,
    missedEdits: unmatched,
    editsBySku,
    mismatchedChannels,
    running: running.map((r) => `${r.kind} run ${r.id} started ${r.startedAt.toISOString()}`),
  };
}
