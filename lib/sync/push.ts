import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { records } from "@/db/sets";
import { channelItems, channelListings, products, type MarketplaceConnection } from "@/db/schema";
import { stockTarget } from "@/lib/inventory/targets";
import type { ApiSession, MarketplaceAdapter, PushRequest } from "@/lib/marketplaces/types";
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
      enabled: channelItems.enabled,
      listingExternalId: channelListings.externalId,
      onHand: products.onHand,
      reserve: products.reserve,
    })
    .from(channelItems)
    .innerJoin(products, eq(products.id, channelItems.productId))
    .leftJoin(channelListings, eq(channelListings.id, channelItems.listingId))
    .where(and(eq(channelItems.connectionId, conn.id), isNotNull(channelItems.productId), inArray(channelItems.pushStatus, ["pending", "failed"])));
  return rows.map((r) => ({ ...r, target: stockTarget(r.onHand, r.reserve) }));
}

/**
 * Projects the ledger onto one connection: every pending item whose channel quantity
 * differs from its target is sent in one batched adapter call; items already showing
 * the target are marked in sync without a call. Pushed values, times and failures
 * are recorded per item, and a failed item stays `failed` until a later push succeeds.
 */
export async function pushConnection(conn: Conn, adapter: MarketplaceAdapter, session: ApiSession): Promise<PageCounts & { pushed: number }> {
  const counts = emptyCounts();
  const pending = await pendingPushes(conn);
  counts.seen = pending.length;
  // A restocked item that was disabled when it sold out must be pushed to be buyable again.
  const already = pending.filter((p) => p.lastSeen === p.target && (p.target === 0 || p.enabled));
  await settle(already.map((p) => ({ id: p.id, quantity: p.target })));

  const due = pending.filter((p) => !already.includes(p));
  if (due.length === 0) return { ...counts, pushed: 0 };
  const requests: PushRequest[] = due.map((p) => ({
    externalId: p.externalId,
    externalOfferId: p.externalOfferId,
    listingExternalId: p.listingExternalId,
    sku: p.sku,
    quantity: p.target,
  }));
  let results;
  try {
    results = await adapter.pushQuantities(session, requests);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await fail(due.map((p) => p.id), message);
    throw err;
  }
  const byExternal = new Map(results.map((r) => [r.externalId, r]));
  const ok: { id: string; quantity: number; enabled?: boolean }[] = [];
  for (const p of due) {
    const r = byExternal.get(p.externalId);
    if (r?.ok) {
      ok.push({ id: p.id, quantity: p.target, enabled: r.enabled });
      continue;
    }
    const message = r?.error ?? "The channel did not confirm this item; it will be retried.";
    counts.errors.push({ ref: `item ${p.sku}`, message });
    await fail([p.id], message);
  }
  await settle(ok, new Date());
  counts.updated = ok.length;
  counts.productIds = [];
  return { ...counts, pushed: ok.length };
}

/**
 * Records that the channel shows `quantity`. A movement that landed while we pushed
 * left the product's target elsewhere: the item then stays pending for the next push.
 */
async function settle(items: { id: string; quantity: number; enabled?: boolean }[], pushedAt?: Date) {
  if (items.length === 0) return;
  // One statement for the whole batch; the target is read at write time, under the row lock.
  await db.execute(sql`
    update channel_items c set
      last_seen_quantity = v.quantity,
      ${pushedAt ? sql`last_pushed_quantity = v.quantity, last_pushed_at = ${pushedAt.toISOString()}::timestamptz, push_attempts = 0,` : sql``}
      enabled = coalesce(v.enabled, c.enabled),
      push_error = null,
      push_status = case when (select greatest(0, p.on_hand - p.reserve) from products p where p.id = c.product_id) = v.quantity then 'in_sync' else 'pending' end,
      updated_at = now()
    from jsonb_to_recordset(${records(items.map((it) => ({ id: it.id, quantity: it.quantity, enabled: it.enabled ?? null })))}) as v(id uuid, quantity int, enabled boolean)
    where c.id = v.id`);
}

async function fail(ids: string[], message: string) {
  if (ids.length === 0) return;
  await db
    .update(channelItems)
    .set({ pushStatus: "failed", pushError: message, pushAttempts: sql`${channelItems.pushAttempts} + 1`, updatedAt: sql`now()` })
    .where(inArray(channelItems.id, ids));
}
