import Link from "next/link";
import { MarketplaceName } from "@/components/ui/badges";
import { FilterForm, SelectFilter, TextFilter } from "@/components/ui/filters";
import { defaultRange, listOrders, listOrderStatuses, listShops, salesByDay, topProducts } from "@/lib/sales/queries";
import type { OrgContext } from "@/lib/tenancy/context";
import { formatMoney } from "./pivot";
import { SalesChartsLazy as SalesCharts } from "@/components/charts-lazy";

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (typeof v === "string" && v !== "" ? v : undefined);
const isDay = (v: string | undefined): v is string => !!v && /^\d{4}-\d{2}-\d{2}$/.test(v);
const dateTime = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

export async function SalesView({ ctx, searchParams }: { ctx: OrgContext; searchParams: Search }) {
  const filters = {
    page: one(searchParams.page),
    channel: one(searchParams.channel),
    shop: one(searchParams.shop),
    status: one(searchParams.status),
    from: one(searchParams.from),
    to: one(searchParams.to),
  };
  const fallback = defaultRange();
  const range = { from: isDay(filters.from) ? filters.from : fallback.from, to: isDay(filters.to) ? filters.to : fallback.to };
  const [orders, byDay, top, shops, statuses] = await Promise.all([
    listOrders(ctx, filters),
    salesByDay(ctx, range),
    topProducts(ctx, range, 10),
    listShops(ctx),
    listOrderStatuses(ctx),
  ]);
  const pages = Math.max(1, Math.ceil(orders.total / orders.pageSize));
  const pageHref = (p: number) => `/sales?${new URLSearchParams({ ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v) as [string, string][]), page: String(p) })}`;

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Sales</h1>
      <FilterForm label="Filter sales" resetHref="/sales">
        <SelectFilter
          name="channel"
          label="Channel"
          value={filters.channel}
          options={[{ value: "", label: "All channels" }, { value: "etsy", label: "Etsy" }, { value: "ebay", label: "eBay" }]}
        />
        <SelectFilter name="shop" label="Shop" value={filters.shop} options={[{ value: "", label: "All shops" }, ...shops.map((s) => ({ value: s.id, label: s.name }))]} />
        <SelectFilter name="status" label="Status" value={filters.status} options={[{ value: "", label: "Any status" }, ...statuses.map((s) => ({ value: s, label: s }))]} />
        <TextFilter type="date" name="from" label="From" value={range.from} />
        <TextFilter type="date" name="to" label="To" value={range.to} />
      </FilterForm>

      <section aria-labelledby="charts-h" className="space-y-2">
        <h2 id="charts-h" className="text-lg font-semibold">
          {range.from} to {range.to}
        </h2>
        {byDay.length === 0 ? <p className="text-sm text-gray-600">No sales in this range.</p> : <SalesCharts rows={byDay} from={range.from} to={range.to} />}
      </section>

      {top.length > 0 ? (
        <section aria-labelledby="top-h" className="space-y-2">
          <h2 id="top-h" className="text-lg font-semibold">
            Top products
          </h2>
          <ol className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white text-sm">
            {top.map((t) => (
              <li key={`${t.key}-${t.currency}`} className="flex flex-wrap justify-between gap-2 p-2">
                {t.productId ? (
                  <Link href={`/products/${t.productId}`} className="text-indigo-700 underline">
                    {t.title}
                  </Link>
                ) : (
                  <span>{t.title}</span>
                )}
                <span className="tabular-nums">
                  {t.units} sold · {formatMoney(t.revenueMinor, t.currency)}
                </span>
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      <section aria-labelledby="orders-h" className="space-y-2">
        <h2 id="orders-h" className="text-lg font-semibold">
          Orders ({orders.total})
        </h2>
        <div className="overflow-x-auto rounded-lg border border-gray-200 bg-white">
          <table className="min-w-full text-sm">
            <thead className="bg-gray-50 text-left text-xs uppercase text-gray-600">
              <tr>
                <th scope="col" className="px-3 py-2">Date</th>
                <th scope="col" className="px-3 py-2">Channel</th>
                <th scope="col" className="px-3 py-2">Shop</th>
                <th scope="col" className="px-3 py-2">Order</th>
                <th scope="col" className="px-3 py-2">Items</th>
                <th scope="col" className="px-3 py-2 text-right">Total</th>
                <th scope="col" className="px-3 py-2">Status</th>
              </tr>
            </thead>
            <tbody>
              {orders.rows.map((o) => (
                <tr key={o.id} className="border-t border-gray-100">
                  <td className="px-3 py-2 whitespace-nowrap">{dateTime.format(o.placedAt)}</td>
                  <td className="px-3 py-2">
                    <MarketplaceName marketplace={o.marketplace} />
                  </td>
                  <td className="px-3 py-2">{o.shopName}</td>
                  <td className="px-3 py-2">
                    <Link href={`/sales/${o.id}`} className="text-indigo-700 underline">
                      {o.orderNumber}
                    </Link>
                  </td>
                  <td className="px-3 py-2">
                    {o.units} × {o.items}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatMoney(o.totalMinor, o.currency)}</td>
                  <td className="px-3 py-2">{o.status}</td>
                </tr>
              ))}
              {orders.rows.length === 0 ? (
                <tr>
                  <td colSpan={7} className="px-3 py-6 text-center text-gray-600">
                    No orders match these filters.
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </div>
        <nav aria-label="Pages" className="flex gap-3 text-sm">
          {orders.page > 1 ? <Link href={pageHref(orders.page - 1)}>Previous</Link> : null}
          <span>
            Page {orders.page} of {pages}
          </span>
          {orders.page < pages ? <Link href={pageHref(orders.page + 1)}>Next</Link> : null}
        </nav>
      </section>
    </div>
  );
}
