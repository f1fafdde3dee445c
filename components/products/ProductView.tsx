import { shopWithMarketplace } from "@/lib/marketplaces/meta";
import Link from "next/link";
import { MarketplaceName, PushBadge, StockBadge } from "@/components/ui/badges";
import { formatMoney } from "@/components/sales/pivot";
import { getBundleComponents, getBundlesUsing } from "@/lib/inventory/bundles";
import { getProduct, getProductHistory, getStockSeries } from "@/lib/inventory/products";
import { orgDefaultThreshold } from "@/lib/inventory/queries";
import { listOrdersForProduct } from "@/lib/sales/queries";
import { roleAtLeast, type OrgContext } from "@/lib/tenancy/context";
import { BundleSection } from "./BundleSection";
import { ProductSettingsForm } from "./ProductSettingsForm";
import { ReorderSettingsForm } from "./ReorderSettingsForm";
import { ProductStockEditor } from "./ProductStockEditor";
import { RenewListingButton } from "./RenewListingButton";
import { ItemRuleForm } from "./ItemRuleForm";
import { ruleLabel } from "@/lib/inventory/rule-label";
import { StockChartLazy as StockChart } from "@/components/charts-lazy";
import { ScrollRegion } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format/date-time";
import { getOrgSettings } from "@/lib/settings/org-settings";

const REASONS: Record<string, string> = { sale: "Order", cancel: "Cancelled order", manual: "Manual edit", import: "Import", csv_import: "CSV import", channel_edit: "Channel edit", restock: "Received", bundle_sale: "Sold in a bundle" };

/** Throws NotFound (→ 404) for a product of another organization. */
export async function ProductView({ ctx, productId }: { ctx: OrgContext; productId: string }) {
  const product = await getProduct(ctx, productId);
  const [history, series, orders, orgDefault, settings, components, usedIn] = await Promise.all([
    getProductHistory(ctx, productId, { limit: 100 }),
    getStockSeries(ctx, productId, 30),
    listOrdersForProduct(ctx, productId, 10),
    orgDefaultThreshold(ctx.orgId),
    getOrgSettings(ctx),
    getBundleComponents(ctx, productId),
    getBundlesUsing(ctx, productId),
  ]);
  const bundle = components.length > 0;
  const canEdit = roleAtLeast(ctx.role, "manager");
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/inventory" className="text-indigo-700 hover:underline">
          ← Inventory
        </Link>
      </nav>
      <header className="flex flex-wrap items-start gap-4">
        {product.imageUrl ? (
          <img src={product.imageUrl} alt="" className="h-24 w-24 rounded object-cover" />
        ) : null}
        <div className="space-y-1">
          <h1 className="text-2xl font-bold">{product.title}</h1>
          <p className="font-mono text-sm text-gray-600">SKU {product.sku}</p>
          <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
            <div className="flex items-center gap-2">
              <dt className="text-gray-600">On hand</dt>
              <dd className="flex items-center gap-2">
                {canEdit && !bundle ? <ProductStockEditor productId={product.id} title={product.title} onHand={product.onHand} /> : <strong>{product.onHand}</strong>}
                {bundle ? <span className="text-gray-600">(a bundle: from its components)</span> : null}
                <StockBadge onHand={product.onHand} threshold={product.threshold} />
              </dd>
            </div>
            <div className="flex gap-2">
              <dt className="text-gray-600">Reserve</dt>
              <dd>{product.reserve}</dd>
            </div>
            <div className="flex gap-2">
              <dt className="text-gray-600">Available to channels</dt>
              <dd>{product.available}</dd>
            </div>
            <div className="flex gap-2">
              <dt className="text-gray-600">Low at</dt>
              <dd>
                {product.threshold}
                {product.thresholdIsDefault ? " (default)" : ""}
              </dd>
            </div>
            <div className="flex gap-2">
              <dt className="text-gray-600">Reorder at</dt>
              <dd>
                {product.reorderPoint ?? product.threshold}
                {product.reorderPoint === null ? " (low-stock threshold)" : ""}
                {product.reorderQuantity > 0 ? `, order ${product.reorderQuantity}` : ""}
              </dd>
            </div>
          </dl>
        </div>
      </header>

      <section aria-labelledby="channels-h" className="space-y-2">
        <h2 id="channels-h" className="text-lg font-semibold">
          On each channel
        </h2>
        {product.items.length === 0 ? (
          <p className="text-sm text-gray-600">
            Not linked to any listing. Link one from the{" "}
            <Link href="/inventory?view=unlinked" className="text-indigo-700 underline">
              Unlinked
            </Link>{" "}
            view.
          </p>
        ) : (
          <ul className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white">
            {product.items.map((i) => (
              <li key={i.id} className="flex flex-wrap items-center gap-3 p-3 text-sm">
                <span className="min-w-40 font-medium">
                  {i.shopName} (<MarketplaceName marketplace={i.marketplace} />)
                </span>
                <span>
                  {i.listingTitle ?? i.title}
                  {i.variation ? ` · ${i.variation}` : ""}
                </span>
                <span>
                  Shows <strong className="tabular-nums">{i.quantity ?? "?"}</strong>
                  {ruleLabel(i.rule) ? <span className="text-gray-600"> ({ruleLabel(i.rule)})</span> : null}
                  {i.target !== null && i.target !== i.quantity ? <span className="text-gray-600">, to show {i.target}</span> : null}
                </span>
                <PushBadge status={i.pushStatus} error={i.pushError} />
                {i.pushStatus === "failed" && i.pushError ? <span className="text-red-700">{i.pushError}</span> : null}
                {i.marketplace === "etsy" && i.listingState === "sold_out" && canEdit ? <RenewListingButton itemId={i.id} /> : null}
                {i.listingState === "ENDED" ? <span className="rounded-full bg-gray-200 px-2 py-0.5 text-xs font-medium text-gray-800">Ended on eBay</span> : null}
                {i.listingUrl ? (
                  <a href={i.listingUrl} target="_blank" rel="noreferrer" className="ml-auto text-indigo-700 underline">
                    {i.listingState === "ENDED" ? "Relist on eBay" : "View listing"}
                    <span className="sr-only"> on {i.marketplace}</span>
                  </a>
                ) : null}
                {canEdit ? <ItemRuleForm itemId={i.id} own={i.own} channelName={shopWithMarketplace({ name: i.shopName, marketplace: i.marketplace })} /> : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <BundleSection productId={product.id} components={components} usedIn={usedIn} canEdit={canEdit} />

      <section aria-labelledby="chart-h" className="space-y-2">
        <h2 id="chart-h" className="text-lg font-semibold">
          Stock over the last 30 days
        </h2>
        <StockChart series={series} threshold={product.threshold} />
      </section>

      {canEdit ? (
        <section aria-labelledby="settings-h" className="space-y-2">
          <h2 id="settings-h" className="text-lg font-semibold">
            Threshold and reserve
          </h2>
          <ProductSettingsForm productId={product.id} threshold={product.lowStockThreshold} reserve={product.reserve} orgDefault={orgDefault} />
        </section>
      ) : null}

      {canEdit ? (
        <section aria-labelledby="reorder-h" className="space-y-2">
          <h2 id="reorder-h" className="text-lg font-semibold">
            Reordering
          </h2>
          <ReorderSettingsForm productId={product.id} reorderPoint={product.reorderPoint} reorderQuantity={product.reorderQuantity} threshold={product.threshold} />
        </section>
      ) : null}

      <section aria-labelledby="history-h" className="space-y-2">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="history-h" className="text-lg font-semibold">
            History
          </h2>
          <a href={`/api/inventory/movements/export?product=${product.id}`} className="text-sm text-indigo-700 underline">
            Export history (CSV)
          </a>
        </div>
        <ScrollRegion label="Stock movements">
          <table className="min-w-full text-sm">
            <caption className="sr-only">Stock movements, newest first</caption>
            <thead className="bg-gray-50 text-left text-xs uppercase text-gray-600">
              <tr>
                <th scope="col" className="px-3 py-2">When</th>
                <th scope="col" className="px-3 py-2">Source</th>
                <th scope="col" className="px-3 py-2">By</th>
                <th scope="col" className="px-3 py-2 text-right">Change</th>
                <th scope="col" className="px-3 py-2 text-right">On hand after</th>
                <th scope="col" className="px-3 py-2">Note</th>
              </tr>
            </thead>
            <tbody>
              {history.map((h) => (
                <tr key={h.id} className="border-t border-gray-100">
                  <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(h.createdAt, settings.timezone)}</td>
                  <td className="px-3 py-2">{REASONS[h.reason] ?? h.reason}</td>
                  <td className="px-3 py-2">{h.actor}</td>
                  <td className="px-3 py-2 text-right tabular-nums">
                    {h.delta > 0 ? "+" : ""}
                    {h.delta}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{h.onHandAfter}</td>
                  <td className="px-3 py-2 text-gray-600">{h.note}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </section>

      <section aria-labelledby="orders-h" className="space-y-2">
        <h2 id="orders-h" className="text-lg font-semibold">
          Recent orders
        </h2>
        {orders.length === 0 ? (
          <p className="text-sm text-gray-600">No orders of this product yet.</p>
        ) : (
          <ul className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white text-sm">
            {orders.map((o) => (
              <li key={`${o.orderId}-${o.quantity}`} className="flex flex-wrap gap-3 p-3">
                <span>{formatDateTime(o.placedAt, settings.timezone)}</span>
                <Link href={`/sales/${o.orderId}`} className="text-indigo-700 underline">
                  Order {o.orderNumber}
                </Link>
                <span>
                  {o.shopName} (<MarketplaceName marketplace={o.marketplace} />)
                </span>
                <span>× {o.quantity}</span>
                <span>{formatMoney(o.quantity * o.unitPriceMinor, o.currency)}</span>
                {o.lineStatus === "cancelled" ? <span className="font-medium text-red-700">Cancelled</span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
