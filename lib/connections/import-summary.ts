import { and, count, eq, isNotNull } from "drizzle-orm";
import { db } from "@/db/client";
import { channelItems } from "@/db/schema";
import type { OrgContext } from "@/lib/tenancy/context";

/** What a connection brought in so far: its sellable items, and how many are linked to a product (so synced). */
export async function connectionImportSummary(ctx: OrgContext, connectionId: string): Promise<{ items: number; linked: number }> {
  const where = and(eq(channelItems.orgId, ctx.orgId), eq(channelItems.connectionId, connectionId));
  const [[all], [linked]] = await Promise.all([
    db.select({ n: count() }).from(channelItems).where(where),
    db.select({ n: count() }).from(channelItems).where(and(where, isNotNull(channelItems.productId))),
  ]);
  return { items: all?.n ?? 0, linked: linked?.n ?? 0 };
}
