import { z } from "zod";

// The eBay listings poll reads two worlds: Inventory-API items (getInventoryItems, pages
// from 0), then Seller Hub listings (GetMyeBaySelling, pages from 1), then the Seller Hub
// listings that ended lately (GetSellerList), which the active list no longer shows. GetMyeBaySelling also
// returns the Inventory-model listings, which were imported already and must never be
// revised through Trading, so the Inventory phase carries their item ids forward.
// A bare number is the older cursor (an Inventory page) and still reads.

const cursorSchema = z.object({ phase: z.enum(["inventory", "trading", "ended"]), page: z.number().int().min(0), inventoryListingIds: z.array(z.string()).default([]) });
export type ListingsCursor = z.infer<typeof cursorSchema>;

export function readListingsCursor(cursor: string | null): ListingsCursor {
  if (cursor === null) return { phase: "inventory", page: 0, inventoryListingIds: [] };
  if (/^\d+$/.test(cursor)) return { phase: "inventory", page: Number(cursor), inventoryListingIds: [] };
  try {
    return cursorSchema.parse(JSON.parse(cursor));
  } catch {
    // An unreadable cursor restarts the poll: imports are idempotent.
    return { phase: "inventory", page: 0, inventoryListingIds: [] };
  }
}

export const writeListingsCursor = (c: ListingsCursor) => JSON.stringify(c);
