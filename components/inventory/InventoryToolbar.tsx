"use client";
import { shopWithMarketplace } from "@/lib/marketplaces/meta";
import { useEffect, useState } from "react";
import type { ConnectionColumn } from "@/lib/inventory/queries";

const FILTERS = [
  ["", "All products"],
  ["low", "Low stock"],
  ["out", "Out of stock"],
  ["unlinked", "Not on any channel"],
  ["push_failed", "Push failed"],
] as const;

export function InventoryToolbar({
  params,
  connections,
  onChange,
}: {
  params: URLSearchParams;
  connections: ConnectionColumn[];
  onChange: (patch: Record<string, string | null>) => void;
}) {
  const [q, setQ] = useState(params.get("q") ?? "");
  const current = params.get("q") ?? "";
  // Follow the URL when it changes from elsewhere (Clear filters, back button).
  useEffect(() => setQ(current), [current]);
  // Debounced: the URL (and the server query) follow the search box after a pause.
  useEffect(() => {
    if (q === current) return;
    const t = setTimeout(() => onChange({ q }), 300);
    return () => clearTimeout(t);
  }, [q, current, onChange]);

  return (
    <div className="flex flex-wrap items-end gap-3">
      <div className="flex flex-col">
        <label htmlFor="inv-search" className="text-xs font-medium text-gray-700">
          Search title or SKU
        </label>
        <input
          id="inv-search"
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          className="w-64 max-w-full rounded border border-gray-300 px-2 py-1"
        />
      </div>
      <div className="flex flex-col">
        <label htmlFor="inv-filter" className="text-xs font-medium text-gray-700">
          Show
        </label>
        <select
          id="inv-filter"
          value={params.get("filter") ?? ""}
          onChange={(e) => onChange({ filter: e.target.value })}
          className="rounded border border-gray-300 px-2 py-1"
        >
          {FILTERS.map(([v, label]) => (
            <option key={v} value={v}>
              {label}
            </option>
          ))}
        </select>
      </div>
      {connections.length > 0 ? (
        <div className="flex flex-col">
          <label htmlFor="inv-channel" className="text-xs font-medium text-gray-700">
            Channel
          </label>
          <select
            id="inv-channel"
            value={params.get("channel") ?? ""}
            onChange={(e) => onChange({ channel: e.target.value })}
            className="rounded border border-gray-300 px-2 py-1"
          >
            <option value="">Every shop</option>
            {connections.map((c) => (
              <option key={c.id} value={c.id}>
                {shopWithMarketplace(c)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <a
        href={`/api/inventory/export?${params.toString()}`}
        className="ml-auto rounded border border-gray-300 bg-white px-3 py-1 text-sm hover:bg-gray-50 focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        Export CSV
      </a>
    </div>
  );
}
