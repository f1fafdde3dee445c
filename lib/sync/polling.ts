// Adaptive polling: a quiet shop backs off, a busy one polls at the floor.

const MINUTE = 60_000;

/** Delay before the next orders poll after `idlePolls` consecutive polls without new orders. */
export function ordersPollDelayMs(idlePolls: number, floorMinutes: number, ceilingMinutes: number): number {
  const ceiling = Math.max(floorMinutes, ceilingMinutes);
  // Doubling after every third idle poll keeps a shop that sells a few times an hour near the floor.
  const factor = 2 ** Math.floor(Math.max(0, idlePolls) / 3);
  return Math.min(ceiling, floorMinutes * factor) * MINUTE;
}

/** Org settings may tune an interval within bounds; the env value is the default. */
export function boundedMinutes(setting: number | undefined, envDefault: number, min = 1, max = 1440): number {
  if (setting === undefined || !Number.isFinite(setting)) return envDefault;
  return Math.min(max, Math.max(min, Math.round(setting)));
}

// A listings poll finds what sellers edit on the channel (sales arrive with the orders poll):
// after one that found nothing, the next waits twice as long, up to a day; one that finds an
// edit or a new listing brings the shop back to the base interval. Etsy cannot list a shop's
// listings by last change (`sort_on` on getListingsByShop works only with search options,
// per the spec), so every poll reads every page: polling quiet shops less is what keeps a
// 10,000-listing shop within an app key's 10,000 calls a day.
export const LISTINGS_MAX_MINUTES = 24 * 60;

/** Delay before the next listings poll after `idlePolls` consecutive polls that found no edits. */
export function listingsPollDelayMs(idlePolls: number, baseMinutes: number): number {
  const factor = 2 ** Math.min(16, Math.max(0, idlePolls));
  return Math.min(Math.max(baseMinutes, LISTINGS_MAX_MINUTES), baseMinutes * factor) * MINUTE;
}

// Notifications (lib/notifications) bring sales within seconds; the orders poll stays as the
// backstop. While they are healthy (one seen within a day and the last poll found nothing they
// had not brought) the poll waits the listings interval; a poll that finds an order they missed
// is back at the floor, and the Connections card says "notifications delayed".
export const NOTIFICATIONS_FRESH_MS = 24 * 3600_000;
// An order newer than this may still have its notification on the way (Etsy's first retry is
// 5 s after a failed delivery): not a miss.
export const NOTIFICATION_GRACE_MS = 30_000;

export type NotificationHealth = "none" | "healthy" | "missed";

/** `missed`: orders this poll created (none of their notifications arrived) older than the grace period. */
export function notificationHealth(seenAt: Date | null, missed: number, now: number): NotificationHealth {
  if (!seenAt) return "none";
  if (missed > 0) return "missed";
  return now - seenAt.getTime() <= NOTIFICATIONS_FRESH_MS ? "healthy" : "none";
}

/** Delay before the next orders poll, given what notifications have been doing. */
export function ordersPollDelayWithNotificationsMs(health: NotificationHealth, idlePolls: number, floorMinutes: number, listingsMinutes: number): number {
  if (health === "healthy") return Math.max(floorMinutes, listingsMinutes) * MINUTE;
  if (health === "missed") return floorMinutes * MINUTE;
  return ordersPollDelayMs(idlePolls, floorMinutes, listingsMinutes);
}
