import { and, eq, gt, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { channelItems, orderLines, orders, type MarketplaceConnection } from "@/db/schema";
import { channelName, emptyCounts, type PageCounts } from "@/lib/sync/types";
import { applyMovement } from "./ledger";
import { reconcileDecision, type ChannelEditPolicy } from "./targets";

/** A linked item's quantity as a listings poll read it at `fetchedAt` (ISO), different from what we expected. */
export type QuantityObservation = { itemId: string; seen: number; fetchedAt: string };

type Conn = Pick<MarketplaceConnection, "id" | "orgId" | "marketplace" | "name">;

/**
 * Decides, after the orders poll that follows a listings poll, which quantity changes
 * no order explains: those are edits the seller made on the channel. Sales placed after
 * the listing was read are in our expectation but not yet in what was seen, so they are
 * added back before comparing; sales placed before it are in both.
 */
export async function reconcileObservations(conn: Conn, observations: QuantityObservation[], policy: ChannelEditPolicy): Promise<PageCounts> {
  const counts = emptyCounts();
  for (const o of observations) {
    counts.seen++;
    await db.transaction(async (tx) => {
      const [item] = await tx.select().from(channelItems).where(and(eq(channelItems.id, o.itemId), eq(channelItems.connectionId, conn.id))).for("update");
      if (!item) return;
      const fetchedAt = new Date(o.fetchedAt);
      const [after] = await tx
        .select({ units: sql<number>`coalesce(sum(${orderLines.quantity}), 0)::int` })
        .from(orderLines)
        .innerJoin(orders, eq(orders.id, orderLines.orderId))
        .where(and(eq(orderLines.channelItemId, item.id), eq(orderLines.status, "active"), gt(orders.placedAt, fetchedAt)));
      const lastSeen = item.lastSeenQuantity ?? 0;
      const expected = lastSeen + after.units;
      const decision = reconcileDecision({ seen: o.seen, expected, policy, channelName: channelName(conn) });
      if (decision.kind === "none") return;
      const nowSeen = o.seen - after.units;
      await tx
        .update(channelItems)
        .set({ lastSeenQuantity: Math.max(0, nowSeen), lastSeenAt: fetchedAt, ...(decision.kind === "overwrite" ? { pushStatus: "pending" as const } : {}) })
        .where(eq(channelItems.id, item.id));
      if (!item.productId) return;
      await applyMovement(tx, {
        orgId: conn.orgId,
        productId: item.productId,
        delta: decision.kind === "accept" ? decision.delta : 0,
        reason: "channel_edit",
        // The previous observation identifies this edit: a replayed poll finds lastSeen already moved.
        sourceKey: `channel-edit:${item.id}:${item.lastSeenAt?.toISOString() ?? "first"}:${o.seen}`,
        actor: { type: "connection", id: conn.id },
        note: decision.note,
      });
      counts.updated++;
      counts.productIds.push(item.productId);
    });
  }
  counts.productIds = [...new Set(counts.productIds)];
  return counts;
}
