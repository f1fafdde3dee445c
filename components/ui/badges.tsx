import type { Marketplace } from "@/db/schema/marketplace-ids";
import { marketplaceLabel } from "@/lib/marketplaces/meta";

// Status badges carry a word and an icon-like glyph, never colour alone.

export function PushBadge({ status, error }: { status: "in_sync" | "pending" | "failed"; error?: string | null }) {
  if (status === "failed")
    return (
      <span className="inline-flex items-center gap-1 rounded bg-red-100 px-1.5 py-0.5 text-xs font-medium text-red-800" title={error ?? undefined}>
        ✕ Failed{error ? <span className="sr-only">: {error}</span> : null}
      </span>
    );
  if (status === "pending")
    return <span className="inline-flex items-center gap-1 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">… Pending</span>;
  return <span className="inline-flex items-center gap-1 rounded bg-green-100 px-1.5 py-0.5 text-xs font-medium text-green-800">✓ In sync</span>;
}

export function StockBadge({ onHand, threshold }: { onHand: number; threshold: number }) {
  if (onHand <= 0) return <span className="rounded bg-red-600 px-1.5 py-0.5 text-xs font-semibold text-white">Out</span>;
  if (onHand <= threshold) return <span className="rounded bg-amber-500 px-1.5 py-0.5 text-xs font-semibold text-black">Low</span>;
  return null;
}

export function MarketplaceName({ marketplace }: { marketplace: Marketplace }) {
  return <>{marketplaceLabel(marketplace)}</>;
}
