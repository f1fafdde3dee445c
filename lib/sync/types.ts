import type { Marketplace } from "@/db/schema";

/** One marketplace record that was skipped, with a message the seller or an admin can act on. */
export type ItemError = { ref: string; message: string };

/** What one page of work changed; summed into sync_runs. */
export type PageCounts = { seen: number; created: number; updated: number; errors: ItemError[]; productIds: string[] };

export const emptyCounts = (): PageCounts => ({ seen: 0, created: 0, updated: 0, errors: [], productIds: [] });

export function addCounts(a: PageCounts, b: PageCounts): PageCounts {
  return {
    seen: a.seen + b.seen,
    created: a.created + b.created,
    updated: a.updated + b.updated,
    errors: [...a.errors, ...b.errors],
    productIds: [...new Set([...a.productIds, ...b.productIds])],
  };
}

const LABELS: Record<Marketplace, string> = { etsy: "Etsy", ebay: "eBay" };

export function channelName(conn: { marketplace: Marketplace; name: string }): string {
  return `${LABELS[conn.marketplace]} (${conn.name})`;
}
