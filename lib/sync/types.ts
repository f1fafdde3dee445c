import type { Marketplace } from "@/db/schema";
import { marketplaceLabel } from "@/lib/marketplaces/meta";

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

export function channelName(conn: { marketplace: Marketplace; name: string }): string {
  return `${marketplaceLabel(conn.marketplace)} (${conn.name})`;
}
