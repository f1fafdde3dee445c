// Failed password sign-ins, counted in three buckets over WINDOW_MS:
// - one account from one IP address: 5 failures, then that address waits (a success clears it);
// - one account from anywhere: 25, so a spread-out guesser is stopped too, without letting
//   anyone lock a seller out with 5 guesses from their own address;
// - one IP address across all accounts: 20, so one address cannot spray many accounts.
// A blocked attempt waits until the oldest counted failure leaves the window.
export const MAX_FAILURES = 5;
export const MAX_ACCOUNT_FAILURES = 25;
export const MAX_IP_FAILURES = 20;
export const WINDOW_MS = 15 * 60 * 1000;

export type Attempt = { succeeded: boolean; at: Date };
export type AccountAttempt = Attempt & { ip: string | null };
export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/** One bucket: at most `max` failures in the window since the last success (or ever, without resetOnSuccess). */
export function throttleDecision(attempts: Attempt[], now: Date, max = MAX_FAILURES, resetOnSuccess = true): ThrottleDecision {
  const since = now.getTime() - WINDOW_MS;
  const recent = attempts.filter((a) => a.at.getTime() > since).sort((a, b) => a.at.getTime() - b.at.getTime());
  const lastSuccess = resetOnSuccess ? recent.findLastIndex((a) => a.succeeded) : -1;
  const failures = recent.slice(lastSuccess + 1).filter((a) => !a.succeeded);
  if (failures.length < max) return { allowed: true };
  const oldestCounted = failures[failures.length - max];
  return { allowed: false, retryAfterMs: Math.max(1000, oldestCounted.at.getTime() + WINDOW_MS - now.getTime()) };
}

/**
 * All three buckets for one attempt: `account` holds the email's recent attempts (every IP),
 * `fromIp` the failures of `ip` across all accounts. An unknown IP (null) is one address.
 */
export function signInDecision(input: { account: AccountAttempt[]; fromIp: Attempt[]; ip: string | null; now: Date }): ThrottleDecision {
  const decisions = [
    throttleDecision(input.account.filter((a) => a.ip === input.ip), input.now, MAX_FAILURES),
    throttleDecision(input.account, input.now, MAX_ACCOUNT_FAILURES),
    ...(input.ip === null ? [] : [throttleDecision(input.fromIp, input.now, MAX_IP_FAILURES, false)]),
  ];
  const blocked = decisions.filter((d): d is { allowed: false; retryAfterMs: number } => !d.allowed);
  return blocked.length ? { allowed: false, retryAfterMs: Math.max(...blocked.map((d) => d.retryAfterMs)) } : { allowed: true };
}

export function waitMessage(retryAfterMs: number): string {
  const minutes = Math.ceil(retryAfterMs / 60_000);
  return `Too many failed sign-in attempts. Wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again, or reset your password.`;
}
