// When to try a failed marketplace call again. Pure, so the policy is unit-tested.

export const RETRYABLE_STATUSES = new Set([408, 425, 429, 500, 502, 503, 504]);

/** Parses `retry-after` (seconds or an HTTP date) into milliseconds from `now`; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * Exponential backoff with full jitter (attempt 0 is the first retry), capped; a
 * server's `retry-after` is a floor we always respect, plus a little jitter so
 * processes that were refused together do not return together.
 */
export function retryDelayMs(input: { attempt: number; retryAfterMs: number | null; baseMs: number; capMs: number; random?: () => number }): number {
  const random = input.random ?? Math.random;
  const exp = Math.min(input.capMs, input.baseMs * 2 ** input.attempt);
  const jittered = Math.round(exp / 2 + random() * (exp / 2));
  if (input.retryAfterMs === null) return jittered;
  return input.retryAfterMs + Math.round(random() * Math.min(input.baseMs, 250));
}
