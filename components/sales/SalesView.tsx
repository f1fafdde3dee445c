import { marketplaceNames, marketplaceOptions } from "@/lib/marketplaces/meta";
import Link from "next/link";
import { MarketplaceName } from "@/components/ui/badges";
import { FilterForm, SelectFilter, TextFilter } from "@/components/ui/filters";
import { Pagination } from "@/components/ui/pagination";
import { Empty, Table, Td } from "@/components/ui/table";
import { withoutInvalidParams } from "@/lib/parse-input";
import { orderStatusLabel } from "@/lib/sales/status-labels";
import { defaultRange, isDay, listOrders, listOrderStatuses, listShops, orderListQuery, salesByDay, topProducts } from "@/lib/sales/queries";
import type { OrgContext } from "@/lib/tenancy/context";
import { formatMoney } from "./pivot";
import { SalesChartsLazy as SalesCharts } from "@/components/charts-lazy";
import { formatDateTime } from "@/lib/format/date-time";
import { getOrgSettings } from "@/lib/settings/org-settings";

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (typeof v === "string" && v !== "" ? v : undefined);

export async function SalesView({ ctx, searchParams }: { ctx: OrgContext; searchParams: Search }) {
  // A bad value in the URL (?page=0, a 60-character status) falls back to its default.
  const filters = withoutInvalidParams(orderListQuery, {
    page: one(searchParams.page),
    channel: one(searchParams.channel),
    shop: one(searchParams.shop),
    status: one(searchParams.status),
    from: one(searchParams.from),
    to: one(searchParams.to),
  });
  const fallback = defaultRange();
  const range = { from: isDay(filters.from) ? filters.from : fallback.from, to: isDay(filters.to) ? filters.to : fallback.to };
  const [orders, byDay, top, shops, statuses, settings] = await Promise.all([
    listOrders(ctx, filters),
    salesByDay(ctx, range),
    topProducts(ctx, range, 10),
    listShops(ctx),
    listOrderStatuses(ctx),
    getOrgSettings(ctx),
  ]);
  const pages = Math.max(1, Math.ceil(orders.total / orders.pageSize));

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Sales</h1>
      {shops.length === 0 ? (
        <p className="text-sm">
          No shop is connected yet, so there are no sales to show.{" "}
          <Link href="/connections" className="text-indigo-700 underline">
            Connect your {marketplaceNames("or", (m) => `${m.label} ${m.accountNoun}`)}
          </Link>{" "}
          and its orders appear here.
        </p>
      ) : null}
      <FilterForm label="Filter sales" resetHref="/sales">
        <SelectFilter
          name="channel"
          label="Channel"
          value={filters.channel}
          options={marketplaceOptions("All channels")}
        />
        <SelectFilter name="shop" label="Shop" value={filters.shop} options={[{ value: "", label: "All shops" }, ...shops.map((s) => ({ value: s.id, label: s.name }))]} />
        <SelectFilter name="status" label="Status" value={filters.status} options={[{ value: "", label: "Any status" }, ...statuses.map((s) => ({ value: s, label: orderStatusLabel(s) }))]} />
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
        <Table caption="Orders" head={["Date", "Channel", "Shop", "Order", "Items", <span key="total" className="block text-right">Total</span>, "Status"]}>
          {orders.rows.map((o) => (
            <tr key={o.id}>
              <Td className="whitespace-nowrap">{formatDateTime(o.placedAt, settings.timezone)}</Td>
              <Td>
                <MarketplaceName marketplace={o.marketplace} />
              </Td>
              <Td>{o.shopName}</Td>
              <Td>
                <Link href={`/sales/${o.id}`} className="text-indigo-700 underline">
                  {o.orderNumber}
                </Link>
              </Td>
              <Td>
                {o.units} × {o.items}
              </Td>
              <Td className="text-right tabular-nums">{formatMoney(o.totalMinor, o.currency)}</Td>
              <Td>{orderStatusLabel(o.status)}</Td>
            </tr>
          ))}
          {orders.rows.length === 0 ? <Empty cols={7}>No orders match these filters.</Empty> : null}
        </Table>
        <Pagination page={orders.page} pageCount={pages} total={orders.total} params={filters} noun="orders" />
      </section>
    </div>
  );
}
