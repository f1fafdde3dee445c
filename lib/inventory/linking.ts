import { db } from "@/db/client";
import type { MarketplaceConnection } from "@/db/schema";
import type { ChannelItemData, ListingWithItems } from "@/lib/marketplaces/types";
import { emptyCounts, type PageCounts } from "@/lib/sync/types";
import { importListingPage, type PageResult } from "./import-page";

type Conn = Pick<MarketplaceConnection, "id" | "orgId" | "marketplace" | "name">;

/**
 * Imports one page of listings from a channel: upserts listings and their sellable
 * items, links items to products by SKU (creating products with an opening balance),
 * and reports linked items whose quantity moved since we last saw it (to reconcile once
 * orders are in). The channel was read between `fetchedAt` and `readTo`: sales placed before
 * it are already in the quantities seen here, so they never become movements as well.
 *
 * One transaction per page (commits are what a big import waits on), written set-based
 * in one savepoint. If the database refuses the page, it is redone listing by listing,
 * each in its own savepoint, so a bad listing skips only itself and is recorded.
 */
export async function importListings(conn: Conn, listings: ListingWithItems[], opts: { fetchedAt: Date; readTo?: Date }): Promise<PageCounts & { observations: number }> {
  const counts = { ...emptyCounts(), observations: 0 };
  const read = { from: opts.fetchedAt, to: opts.readTo ?? opts.fetchedAt };
  const valid = listings.map((listing) => {
    counts.seen += listing.items.length;
    const items = listing.items.filter((item) => {
      const problem = itemProblem(item);
      if (problem) counts.errors.push({ ref: `listing ${listing.externalId} item ${item.externalId}`, message: problem });
      return !problem;
    });
    return { ...listing, items };
  });
  const add = (r: PageResult) => {
    counts.created += r.created;
    counts.updated += r.updated;
    counts.productIds.push(...r.productIds);
    counts.observations += r.observations;
  };
  await db.transaction(async (page) => {
    try {
      add(await page.transaction((tx) => importListingPage(tx, conn, valid, read)));
      return;
    } catch {
      // Which listing the database refused is not known: find it by importing them one at a time.
    }
    for (const listing of valid) {
      try {
        add(await page.transaction((tx) => importListingPage(tx, conn, [listing], read)));
      } catch (err) {
        counts.errors.push({ ref: `listing ${listing.externalId}`, message: `This listing could not be imported (${databaseReason(err)}); it will be retried on the next sync.` });
      }
    }
  });
  counts.productIds = [...new Set(counts.productIds)];
  return counts;
}

function itemProblem(item: ChannelItemData): string | null {
  if (!item.externalId) return "The channel sent an item without an id; it was skipped.";
  if (!Number.isInteger(item.quantity)) return `The channel sent a quantity that is not a whole number (${String(item.quantity)}); the item was skipped.`;
  if (item.quantity < 0) return `The channel sent a negative quantity (${item.quantity}); the item was skipped until the channel shows a valid one.`;
  return null;
}

/** The database's own words: drizzle wraps them in "Failed query: <sql> params: <the page's data>". */
function databaseReason(err: unknown): string {
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  return cause instanceof Error ? cause.message : String(cause);
}
