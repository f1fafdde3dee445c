// Shopify's GraphQL Admin API throttles by cost: a leaky bucket per app and shop
// (standard plans: 2,000 points, restoring 100 a second), reported after every query in
// `extensions.cost.throttleStatus`. A query whose cost does not fit is refused as THROTTLED
// and not run. shopify.dev/docs/api/usage/limits#graphql-admin-api-rate-limits
//
// The bucket belongs to one shop, not to the app key as Etsy's and eBay's limits do, and a
// shop's sync runs one at a time (one connection, concurrency 1): so the estimate lives in
// the process that talks to the shop. Every answer carries the true level, which corrects
// the estimate; a refusal anyway (another app process, a shorter bucket than reported) is
// retried after the wait the refusal's own status implies.

export type ThrottleStatus = { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };

export class CostBudget {
  private last: { status: ThrottleStatus; at: number } | null = null;
  /** The cost each operation last asked for: the best guess for its next call. */
  private costs = new Map<string, number>();

  /** Points available now by the last report, restored since. Null before the first report. */
  available(now: number): number | null {
    if (!this.last) return null;
    const { status, at } = this.last;
    return Math.min(status.maximumAvailable, status.currentlyAvailable + ((now - at) / 1000) * status.restoreRate);
  }

  /** How long to wait before sending `operation` so that its expected cost fits. */
  waitMs(operation: string, now: number): number {
    const cost = this.costs.get(operation);
    const available = this.available(now);
    if (cost === undefined || available === null || !this.last || cost <= available) return 0;
    return Math.ceil(((cost - available) / this.last.status.restoreRate) * 1000);
  }

  /** After a THROTTLED answer: how long until `requested` points are back (at least a tenth of a second). */
  waitAfterRefusal(requested: number, status: ThrottleStatus): number {
    return Math.max(100, Math.ceil(((requested - status.currentlyAvailable) / Math.max(status.restoreRate, 1)) * 1000));
  }

  record(operation: string, requested: number | null, status: ThrottleStatus | null, now: number): void {
    if (requested !== null) this.costs.set(operation, requested);
    if (status) this.last = { status, at: now };
  }
}

const budgets = new Map<string, CostBudget>();

/** The cost budget of one shop, shared by every call this process makes to it. */
export function shopBudget(shop: string): CostBudget {
  let b = budgets.get(shop);
  if (!b) budgets.set(shop, (b = new CostBudget()));
  return b;
}
