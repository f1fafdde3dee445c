import Link from "next/link";
import { StockEditCell } from "./StockEditCell";
import type { ProductRowJson, StockChange } from "./types";

/**
 * A product's on-hand value in the inventory: editable for those who may, except a bundle's,
 * which its components decide (an edit would be refused): it says so and leads to them.
 */
export function OnHandCell({ row, canEdit, error, onSave }: { row: ProductRowJson; canEdit: boolean; error?: string; onSave: (change: StockChange) => void }) {
  if (row.bundle)
    return (
      <span className="inline-flex items-center gap-2">
        <span className="tabular-nums font-semibold">{row.onHand}</span>
        <Link
          href={`/products/${row.id}#bundle-h`}
          className="rounded bg-violet-100 px-1.5 py-0.5 text-xs font-medium text-violet-900 hover:underline"
          title="A bundle's stock comes from its components: change theirs."
        >
          Bundle<span className="sr-only"> of {row.title}: its stock comes from its components</span>
        </Link>
      </span>
    );
  if (canEdit) return <StockEditCell label={row.title} onHand={row.onHand} error={error} onSave={onSave} />;
  return <span className="tabular-nums font-semibold">{row.onHand}</span>;
}
