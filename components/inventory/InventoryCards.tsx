"use client";
import Link from "next/link";
import { MarketplaceName, StockBadge } from "@/components/ui/badges";
import { ChannelQuantity } from "./ChannelQuantity";
import { OnHandCell } from "./OnHandCell";
import type { InventoryResponse, ProductRowJson, StockChange } from "./types";

/**
 * The inventory on a phone: one card per product with its stock and, per channel, the
 * quantity and sync state, so nothing needs sideways scrolling (the table is for wider screens).
 */
export function InventoryCards({
  rows,
  connections,
  canEdit,
  rowErrors,
  onSave,
}: {
  rows: ProductRowJson[];
  connections: InventoryResponse["connections"];
  canEdit: boolean;
  rowErrors: Record<string, string>;
  onSave: (id: string, change: StockChange) => void;
}) {
  return (
    <ul aria-label="Products" className="space-y-2 sm:hidden">
      {rows.map((r) => (
        <li key={r.id} className="rounded-lg border border-gray-200 bg-white p-3 text-sm">
          <div className="flex items-start justify-between gap-2">
            <Link href={`/products/${r.id}`} className="font-medium text-indigo-700 hover:underline">
              {r.title}
            </Link>
            <StockBadge onHand={r.onHand} threshold={r.threshold} />
          </div>
          <p className="whitespace-nowrap font-mono text-xs text-gray-600">{r.sku}</p>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <span className="text-gray-600">On hand</span>
            <OnHandCell row={r} canEdit={canEdit} error={rowErrors[r.id]} onSave={(c) => onSave(r.id, c)} />
          </div>
          <ul className="mt-2 space-y-1" aria-label={`Channels of ${r.title}`}>
            {connections.map((conn) => {
              const cells = r.channels.filter((x) => x.connectionId === conn.id);
              return (
                <li key={conn.id} className="flex flex-wrap items-center gap-2">
                  <span className="text-gray-700">
                    {conn.name} (<MarketplaceName marketplace={conn.marketplace} />)
                  </span>
                  {cells.length === 0 ? (
                    <span className="text-xs text-gray-500">Not listed</span>
                  ) : (
                    cells.map((x) => (
                      <span key={x.itemId} className="flex items-center gap-1">
                        <ChannelQuantity cell={x} connection={conn} />
                      </span>
                    ))
                  )}
                </li>
              );
            })}
          </ul>
        </li>
      ))}
    </ul>
  );
}
