import { MARKETPLACES, type Marketplace } from "@/db/schema/marketplace-ids";

export type DayRow = { day: string; marketplace: Marketplace; currency: string; revenueMinor: number; units: number };

export type DayPoint = { day: string } & Record<Marketplace, number>;

/** Pure: one point per day in [from, to] with one value per marketplace, for a chart (missing days are 0). */
export function pivotByDay(rows: DayRow[], from: string, to: string, pick: (r: DayRow) => number): DayPoint[] {
  const out: DayPoint[] = [];
  const index = new Map<string, DayPoint>();
  const zeros = Object.fromEntries(MARKETPLACES.map((m) => [m, 0])) as Record<Marketplace, number>;
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    const point = { day: new Date(t).toISOString().slice(0, 10), ...zeros };
    out.push(point);
    index.set(point.day, point);
  }
  for (const r of rows) {
    const p = index.get(r.day);
    if (p) p[r.marketplace] += pick(r);
  }
  return out;
}

/** Minor units to a localized amount in the shop's currency. */
export function formatMoney(minor: number, currency: string, locale?: string): string {
  const digits = new Intl.NumberFormat(locale, { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return new Intl.NumberFormat(locale, { style: "currency", currency }).format(minor / 10 ** digits);
}
