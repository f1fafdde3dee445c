export const MAX_ATTEMPTS = 8;
const BASE_MS = 60_000;
const CAP_MS = 6 * 60 * 60_000;

/** Delay before the next try after `attempts` failed ones: 1 min, 2, 4, ... capped at 6 h. */
export function retryDelayMs(attempts: number): number {
  return Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, attempts - 1));
}

/** After MAX_ATTEMPTS the row is kept as `failed` (never deleted) for an admin to retry. */
export function statusAfterFailure(attempts: number): "pending" | "failed" {
  return attempts >= MAX_ATTEMPTS ? "failed" : "pending";
}
