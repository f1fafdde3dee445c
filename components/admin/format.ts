export function formatDateTime(d: Date | null | undefined): string {
  if (!d) return "—";
  return d.toISOString().replace("T", " ").slice(0, 16) + " UTC";
}

export function formatPercent(ratio: number | null): string {
  return ratio == null ? "—" : `${(ratio * 100).toFixed(1)}%`;
}

export function formatDuration(ms: number | null): string {
  if (ms == null) return "—";
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** Search params as a query string with one key replaced (or removed when value is empty). */

export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Next's search params with repeated keys reduced to their first value, ready for a zod query schema. */
export async function readParams(searchParams: SearchParams): Promise<Record<string, string | undefined>> {
  const sp = await searchParams;
  return Object.fromEntries(Object.entries(sp).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}
