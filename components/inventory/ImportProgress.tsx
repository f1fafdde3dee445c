import { shopWithMarketplace } from "@/lib/marketplaces/meta";
import type { InventoryResponse } from "./types";

/** A first import in progress: items done of total, live (the table refetches while it runs). */
export function ImportProgress({ importing }: { importing: InventoryResponse["importing"] }) {
  return (
    <div role="status" className="space-y-2 rounded-lg border border-indigo-200 bg-indigo-50 p-3 text-sm">
      {importing.map((i) => (
        <div key={i.connectionId}>
          <p>
            Importing listings from {shopWithMarketplace({ name: i.shopName, marketplace: i.marketplace })}: {i.done}
            {i.total ? ` of ${i.total}` : ""} items
          </p>
          <progress className="w-full" max={i.total ?? undefined} value={i.total ? i.done : undefined} aria-label={`Import progress for ${i.shopName}`} />
        </div>
      ))}
    </div>
  );
}

