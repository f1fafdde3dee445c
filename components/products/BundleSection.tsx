import Link from "next/link";
import { QueryProvider } from "@/components/query-provider";
import type { BundleComponentView, BundleUse } from "@/lib/inventory/bundles";
import { BundleEditor } from "./BundleEditor";

/** What a product is a bundle of (and how many of it each component allows), and which bundles use it. */
export function BundleSection({ productId, components, usedIn, canEdit }: { productId: string; components: BundleComponentView[]; usedIn: BundleUse[]; canEdit: boolean }) {
  return (
    <>
      <section aria-labelledby="bundle-h" className="space-y-2">
        <h2 id="bundle-h" className="text-lg font-semibold">
          Bundle
        </h2>
        {components.length > 0 ? (
          <ul className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white text-sm" aria-label="Components">
            {components.map((c) => (
              <li key={c.id} className="flex flex-wrap gap-3 p-3">
                <span className="tabular-nums">{c.quantity} ×</span>
                <Link href={`/products/${c.id}`} className="text-indigo-700 underline">
                  {c.title}
                </Link>
                <span className="font-mono text-xs text-gray-600">{c.sku}</span>
                <span>
                  {c.onHand} on hand{c.reserve > 0 ? `, ${c.reserve} reserved` : ""}: enough for <strong className="tabular-nums">{c.allows}</strong>
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-gray-600">Not a bundle. Make it one (a gift set, a kit) and it shows as many as its components allow.</p>
        )}
        {canEdit ? (
          <QueryProvider>
            <BundleEditor
              label="Bundle components"
              endpoint={`/api/products/${productId}/bundle`}
              method="PUT"
              initial={components.map((c) => ({ id: c.id, sku: c.sku, title: c.title, quantity: c.quantity }))}
              submitLabel="Save components"
              savedMessage="Saved. Channels are updated with what the components allow."
            />
          </QueryProvider>
        ) : null}
      </section>

      {usedIn.length > 0 ? (
        <section aria-labelledby="used-in-h" className="space-y-2">
          <h2 id="used-in-h" className="text-lg font-semibold">
            Used in bundles
          </h2>
          <ul className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white text-sm">
            {usedIn.map((b) => (
              <li key={b.id} className="flex flex-wrap gap-3 p-3">
                <Link href={`/products/${b.id}`} className="text-indigo-700 underline">
                  {b.title}
                </Link>
                <span className="font-mono text-xs text-gray-600">{b.sku}</span>
                <span>takes {b.quantity} each</span>
                <span>
                  shows <strong className="tabular-nums">{b.onHand}</strong>
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
