import { marketplaceLabel } from "@/lib/marketplaces/meta";
import Link from "next/link";
import { MarketplaceName } from "@/components/ui/badges";
import { getOrderEffects } from "@/lib/sales/order-effects";
import { getOrder } from "@/lib/sales/queries";
import type { OrgContext } from "@/lib/tenancy/context";
import { formatMoney } from "./pivot";
import { orderStatusLabel } from "@/lib/sales/status-labels";
import { formatDateTime } from "@/lib/format/date-time";
import { getOrgSettings } from "@/lib/settings/org-settings";

export async function OrderView({ ctx, orderId }: { ctx: OrgContext; orderId: string }) {
  const [o, settings, effects] = await Promise.all([getOrder(ctx, orderId), getOrgSettings(ctx), getOrderEffects(ctx, orderId)]);
  const at = (d: Date) => formatDateTime(d, settings.timezone);
  return (
    <div className="space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/sales" className="text-indigo-700 hover:underline">
          ← Sales
        </Link>
      </nav>
      <h1 className="text-2xl font-bold">Order {o.orderNumber}</h1>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-gray-600">Placed</dt>
        <dd>{formatDateTime(o.placedAt, settings.timezone)}</dd>
        <dt className="text-gray-600">Shop</dt>
        <dd>
          {o.shopName} (<MarketplaceName marketplace={o.marketplace} />)
        </dd>
        <dt className="text-gray-600">Status</dt>
        <dd>{orderStatusLabel(o.status)}</dd>
        {o.buyerName ? (
          <>
            <dt className="text-gray-600">Buyer</dt>
            <dd>{o.buyerName}</dd>
          </>
        ) : null}
        <dt className="text-gray-600">Total</dt>
        <dd className="font-semibold">{formatMoney(o.totalMinor, o.currency)}</dd>
      </dl>
      <table className="min-w-full rounded-lg border border-gray-200 bg-white text-sm">
        <caption className="text-left font-semibold">Items</caption>
        <thead className="bg-gray-50 text-left text-xs uppercase text-gray-600">
          <tr>
            <th scope="col" className="px-3 py-2">Item</th>
            <th scope="col" className="px-3 py-2">SKU</th>
            <th scope="col" className="px-3 py-2 text-right">Qty</th>
            <th scope="col" className="px-3 py-2 text-right">Price</th>
            <th scope="col" className="px-3 py-2">Status</th>
          </tr>
        </thead>
        <tbody>
          {o.lines.map((l) => (
            <tr key={l.id} className="border-t border-gray-100">
              <td className="px-3 py-2">
                {l.productId ? (
                  <Link href={`/products/${l.productId}`} className="text-indigo-700 underline">
                    {l.title}
                  </Link>
                ) : (
                  l.title
                )}
              </td>
              <td className="px-3 py-2 font-mono text-xs">{l.sku}</td>
              <td className="px-3 py-2 text-right tabular-nums">{l.quantity}</td>
              <td className="px-3 py-2 text-right tabular-nums">{formatMoney(l.unitPriceMinor, l.currency)}</td>
              <td className="px-3 py-2">{l.status === "cancelled" ? "Cancelled" : "Active"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <section aria-labelledby="effects-h" className="space-y-2 text-sm">
        <h2 id="effects-h" className="text-lg font-semibold">
          What Stockroom did
        </h2>
        {effects.length === 0 ? (
          <p className="text-gray-600">Nothing yet: no item of this order is linked to a product, or the order was already counted in the shop&apos;s first import.</p>
        ) : (
          <ul className="space-y-2">
            {effects.map((e) => (
              <li key={e.productId} className="rounded-md border border-gray-200 bg-white p-3">
                {e.movements.map((m, i) => (
                  <p key={i}>
                    {m.kind === "sale" ? "Sold" : "Cancelled"}: stock of <span className="whitespace-nowrap font-mono text-xs">{e.sku}</span> {m.before} → {m.after} ({at(m.at)})
                  </p>
                ))}
                {e.pushes.length === 0 ? <p className="text-gray-600">No other channel lists this product.</p> : null}
                {e.pushes.map((p, i) => (
                  <p key={i} className="text-gray-700">
                    {p.status === "in_sync" && p.at
                      ? `Pushed ${p.quantity ?? "?"} to ${marketplaceLabel(p.marketplace)} ${p.channel} at ${at(p.at)}`
                      : p.status === "failed"
                        ? `Could not push to ${marketplaceLabel(p.marketplace)} ${p.channel} yet; Stockroom keeps retrying (see Sync).`
                        : `Waiting to push to ${marketplaceLabel(p.marketplace)} ${p.channel} (within a minute or two).`}
                  </p>
                ))}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
