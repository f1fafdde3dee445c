import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { channelItems, channelListings, marketplaceConnections } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { Conflict, NotFound } from "@/lib/errors";
import { onStockChanged } from "@/lib/sync/triggers";
import { assertRole, tenantWhere, type OrgContext } from "@/lib/tenancy";
import { syncsSql } from "./target-sql";

/**
 * "Renew now" on a sold-out Etsy listing: the seller agrees to Etsy's renewal fee for this
 * listing once, and the next push sells it again. Without it Stockroom never renews.
 */
export async function requestEtsyRenewal(ctx: OrgContext, itemId: string): Promise<{ listingId: string }> {
  assertRole(ctx, "manager");
  const renewed = await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ listingId: channelListings.id, state: channelListings.state, marketplace: marketplaceConnections.marketplace, productId: channelItems.productId, title: channelListings.title })
      .from(channelItems)
      .innerJoin(channelListings, eq(channelListings.id, channelItems.listingId))
      .innerJoin(marketplaceConnections, eq(marketplaceConnections.id, channelItems.connectionId))
      .where(and(tenantWhere(ctx, channelItems), eq(channelItems.id, itemId)));
    if (!row) throw new NotFound("That listing does not exist.");
    if (row.marketplace !== "etsy") throw new Conflict("Only Etsy charges to renew a sold-out listing; this one sells again by itself.");
    if (row.state !== "sold_out") throw new Conflict("This listing is not sold out on Etsy, so there is nothing to renew.");
    await tx.update(channelListings).set({ renewRequestedAt: sql`now()` }).where(eq(channelListings.id, row.listingId));
    await tx
      .update(channelItems)
      .set({ pushStatus: "pending", pushError: null, updatedAt: sql`now()` })
      .where(and(eq(channelItems.listingId, row.listingId), syncsSql(channelItems.quantityRule, channelItems.connectionId)));
    await recordAudit(tx, { orgId: ctx.orgId, actor: { type: "user", userId: ctx.userId }, action: "listing.renewal_requested", target: { type: "listing", id: row.listingId }, after: { title: row.title } });
    return { listingId: row.listingId, productId: row.productId };
  });
  if (renewed.productId) await onStockChanged(ctx.orgId, [renewed.productId], { checkAlerts: false });
  return { listingId: renewed.listingId };
}
