"use client";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { MARKETPLACE_METAS, marketplaceLabel } from "@/lib/marketplaces/meta";
import type { Marketplace } from "@/db/schema/marketplace-ids";
import { formatMoney, pivotByDay, type DayPoint, type DayRow } from "./pivot";

function DayChart({ title, data, format }: { title: string; data: DayPoint[]; format: (n: number) => string }) {
  const total = data.reduce((n, d) => MARKETPLACE_METAS.reduce((sum, m) => sum + d[m.id], n), 0);
  return (
    <figure className="rounded-lg border border-gray-200 bg-white p-3">
      <figcaption className="mb-2 text-sm font-semibold">
        {title}: <span className="tabular-nums">{format(total)}</span>
      </figcaption>
      <div className="h-52">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 4, right: 4, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
            <XAxis dataKey="day" tickFormatter={(d: string) => d.slice(5)} fontSize={11} minTickGap={16} />
            <YAxis fontSize={11} tickFormatter={(v: number) => format(v)} width={72} />
            <Tooltip formatter={(v, name) => [format(Number(v)), marketplaceLabel(name as Marketplace)]} />
            <Legend formatter={(v: string) => marketplaceLabel(v as Marketplace)} />
            {MARKETPLACE_METAS.map((m) => (
              <Bar key={m.id} dataKey={m.id} stackId="a" fill={m.colour} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

/** Revenue per currency (never summed across currencies) and units per day, stacked by channel. */
export function SalesCharts({ rows, from, to }: { rows: DayRow[]; from: string; to: string }) {
  const currencies = [...new Set(rows.map((r) => r.currency))].sort();
  return (
    <div className="grid gap-4 md:grid-cols-2">
      {currencies.map((c) => (
        <DayChart
          key={c}
          title={`Revenue (${c})`}
          data={pivotByDay(
            rows.filter((r) => r.currency === c),
            from,
            to,
            (r) => r.revenueMinor,
          )}
          format={(n) => formatMoney(n, c)}
        />
      ))}
      <DayChart title="Units sold" data={pivotByDay(rows, from, to, (r) => r.units)} format={(n) => String(n)} />
    </div>
  );
}
