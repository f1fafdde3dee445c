"use client";
import { Area, AreaChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export function StockChart({ series, threshold }: { series: { day: string; onHand: number }[]; threshold: number }) {
  const last = series.at(-1)?.onHand ?? 0;
  const first = series[0]?.onHand ?? 0;
  if (series.length === 0) return <p className="text-sm text-gray-600">No stock history yet: the chart starts with the first import or edit.</p>;
  return (
    <figure>
      <div className="h-56 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <AreaChart data={series} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
            <XAxis dataKey="day" tickFormatter={(d: string) => d.slice(5)} fontSize={11} minTickGap={24} />
            <YAxis allowDecimals={false} fontSize={11} />
            <Tooltip formatter={(v) => [v, "On hand"]} />
            <ReferenceLine y={threshold} stroke="#d97706" strokeDasharray="4 4" label={{ value: "Low", fontSize: 11, fill: "#92400e" }} />
            <Area type="stepAfter" dataKey="onHand" stroke="#4f46e5" fill="#c7d2fe" isAnimationActive={false} />
          </AreaChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="text-xs text-gray-600">
        On hand at the end of each day: {first} on {series[0]?.day}, {last} today. Dashed line: low-stock threshold ({threshold}).
      </figcaption>
    </figure>
  );
}
