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
