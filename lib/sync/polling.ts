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
