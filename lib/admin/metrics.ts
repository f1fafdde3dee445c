// Pure arithmetic behind the admin overview, so the numbers are unit-tested.

export type RunCounts = { succeeded: number; partial: number; failed: number };

/**
 * Share of finished runs that did their job, 0..1, or null when nothing finished.
 * A partial run committed everything except a few skipped items, so it counts as a success;
 * running runs are not finished and do not count.
 */
export function successRate(c: RunCounts): number | null {
  const finished = c.succeeded + c.partial + c.failed;
  return finished === 0 ? null : (c.succeeded + c.partial) / finished;
}

export const SUCCESS_TARGET = 0.95;

/** The UTC day key used by api_call_counts. */
export function utcDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function startOfUtcDay(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

/** Calls used against a daily budget, 0..1 (may exceed 1 when the budget was overrun), or null without a budget. */
export function budgetUsed(calls: number, limit: number | null): number | null {
  return limit == null || limit <= 0 ? null : calls / limit;
}
