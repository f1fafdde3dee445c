import type { Marketplace } from "./state";

export type MarketplaceStats = { calls: number; by_operation: Record<string, number>; rate_limited: number };

export type Stats = Record<Marketplace, MarketplaceStats>;

export function emptyStats(): Stats {
  return { etsy: { calls: 0, by_operation: {}, rate_limited: 0 }, ebay: { calls: 0, by_operation: {}, rate_limited: 0 } };
}

/** Counts one API call under its spec operationId. */
export function countCall(stats: Stats, marketplace: Marketplace, operationId: string): void {
  const s = stats[marketplace];
  s.calls += 1;
  s.by_operation[operationId] = (s.by_operation[operationId] ?? 0) + 1;
}
