// Failed sign-ins per account: after MAX_FAILURES within WINDOW_MS, further attempts
// wait until the oldest counted failure leaves the window. A success clears the count.
export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60 * 1000;

export type Attempt = { succeeded: boolean; at: Date };
export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

export function throttleDecision(attempts: Attempt[], now: Date): ThrottleDecision {
  const since = now.getTime() - WINDOW_MS;
  const recent = attempts.filter((a) => a.at.getTime() > since).sort((a, b) => a.at.getTime() - b.at.getTime());
  const lastSuccess = recent.findLastIndex((a) => a.succeeded);
  const failures = recent.slice(lastSuccess + 1).filter((a) => !a.succeeded);
  if (failures.length < MAX_FAILURES) return { allowed: true };
  const oldestCounted = failures[failures.length - MAX_FAILURES];
  return { allowed: false, retryAfterMs: Math.max(1000, oldestCounted.at.getTime() + WINDOW_MS - now.getTime()) };
}

export function waitMessage(retryAfterMs: number): string {
  const minutes = Math.ceil(retryAfterMs / 60_000);
  return `Too many failed sign-in attempts. Wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again, or reset your password.`;
}
