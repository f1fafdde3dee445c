import { marketplaceLabel } from "@/lib/marketplaces/meta";
import Link from "next/link";
import { FilterForm, SelectFilter } from "@/components/ui/filters";
import { Pagination } from "@/components/ui/pagination";
import { Empty, Table, Td } from "@/components/ui/table";
import { MarketplaceName } from "@/components/ui/badges";
import { SYNC_KINDS, SYNC_STATUSES } from "@/db/schema";
import { withoutInvalidParams } from "@/lib/parse-input";
import { getSyncHealth, listSyncRuns, syncRunQuery } from "@/lib/sync/health";
import type { SyncTrigger } from "@/lib/sync/runs";
import { roleAtLeast, type OrgContext } from "@/lib/tenancy/context";
import { AutoRefresh } from "./AutoRefresh";
import { SyncNowButton } from "./SyncNowButton";
import { formatDateTime } from "@/lib/format/date-time";
import { getOrgSettings } from "@/lib/settings/org-settings";

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (typeof v === "string" && v !== "" ? v : undefined);
const KIND_LABEL: Record<string, string> = { orders: "Orders", listings: "Listings", fulfillment: "Fulfillment", push: "Push", reconcile: "Reconcile" };
// Why a run happened, in words (the raw values are the engine's trigger names).
const TRIGGER_LABEL: Record<SyncTrigger, string> = {
  schedule: "On schedule",
  manual: "Sync now was pressed",
  connected: "Shop just connected",
  "first-sync": "First import",
  webhook: "The marketplace notified us",
  admin: "Stockroom support",
  stock: "Stock changed in Stockroom",
  rerun: "Run again after a problem",
};
const triggerLabel = (t: string) => TRIGGER_LABEL[t as SyncTrigger] ?? t;
const STATUS_LABEL: Record<string, string> = { running: "● Running", succeeded: "✓ Succeeded", partial: "! Partly failed", failed: "✕ Failed" };

export async function SyncView({ ctx, searchParams }: { ctx: OrgContext; searchParams: Search }) {
  // A bad value in the URL (?page=0, an unknown kind) falls back to its default.
  const filters = withoutInvalidParams(syncRunQuery, { connection: one(searchParams.connection), kind: one(searchParams.kind), status: one(searchParams.status), page: one(searchParams.page) });
  const [health, runs, settings] = await Promise.all([getSyncHealth(ctx), listSyncRuns(ctx, filters), getOrgSettings(ctx)]);
  const when = (d: Date | null | undefined) => (d ? formatDateTime(d, settings.timezone) : "never");
  const canSync = roleAtLeast(ctx.role, "manager");
  const anyRunning = health.some((h) => h.running.length > 0);

  return (
    <div className="space-y-6">
      <AutoRefresh active={anyRunning} />
      <h1 className="text-2xl font-bold">Sync health</h1>
      {health.length === 0 ? (
        <p className="text-sm">
          No shop is connected yet.{" "}
          <Link href="/connections" className="text-indigo-700 underline">
            Connect one
          </Link>
          .
        </p>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-2">
        {health.map((h) => (
          <section key={h.id} aria-labelledby={`conn-${h.id}`} className="space-y-3 rounded-lg border border-gray-200 bg-white p-4 text-sm">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h2 id={`conn-${h.id}`} className="text-base font-semibold">
                {h.name} (<MarketplaceName marketplace={h.marketplace} />)
              </h2>
              {canSync && h.status === "active" ? <SyncNowButton connectionId={h.id} name={h.name} /> : null}
            </div>
            {h.status !== "active" ? (
              <p role="alert" className="rounded bg-red-50 p-2 text-red-800">
                {h.status === "needs_reconnect" ? "This shop needs to be reconnected: " : "Syncing is stopped: "}
                {h.lastError ?? "see Connections."}{" "}
                <Link href="/connections" className="underline">
                  Go to Connections
                </Link>
              </p>
            ) : null}
            {h.running.map((r) => (
              <div key={r.id} role="status">
                <p>
                  {KIND_LABEL[r.kind]} sync running: {r.done}
                  {r.total ? ` of ${r.total}` : ""} items
                </p>
                <progress className="w-full" max={r.total ?? undefined} value={r.total ? r.done : undefined} aria-label={`${KIND_LABEL[r.kind]} progress`} />
              </div>
            ))}
            <table className="w-full">
              <thead className="text-left text-xs uppercase text-gray-600">
                <tr>
                  <th scope="col">Kind</th>
                  <th scope="col">Last run</th>
                  <th scope="col">Result</th>
                  <th scope="col">Next</th>
                </tr>
              </thead>
              <tbody>
                {SYNC_KINDS.filter((k) => h.lastRuns[k] || h.nextRuns[k]).map((k) => (
                  <tr key={k} className="border-t border-gray-100">
                    <th scope="row" className="py-1 text-left font-normal">
                      {KIND_LABEL[k]}
                    </th>
                    <td>{when(h.lastRuns[k]?.startedAt)}</td>
                    <td>{h.lastRuns[k] ? STATUS_LABEL[h.lastRuns[k].status] : "–"}</td>
                    <td>{h.nextRuns[k] ? when(h.nextRuns[k]) : "–"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p id={`budget-${h.id}`}>
              API calls today: this shop {h.shopCallsToday}; the app&apos;s shared {marketplaceLabel(h.marketplace)} budget {h.appCallsToday}
              {h.appDailyLimit ? ` of ${h.appDailyLimit.toLocaleString("en")} per day` : ""}.
              {h.appRemainingToday !== null && h.appBudgetReportedAt
                ? ` ${marketplaceLabel(h.marketplace)} reported ${h.appRemainingToday.toLocaleString("en")} calls left in its last 24 hours at ${when(h.appBudgetReportedAt)}.`
                : ""}
            </p>
            {h.appDailyLimit ? (
              <div>
                <meter className="w-full" min={0} max={h.appDailyLimit} high={h.appDailyLimit * 0.8} value={h.appCallsToday} aria-label="Daily API budget used" aria-describedby={`budget-${h.id}`} />
                <p className="text-xs text-gray-600">
                  {marketplaceLabel(h.marketplace)} allows Stockroom a fixed number of requests a day for all its sellers together. If the bar fills up,
                  syncing pauses until the next day; your stock is not lost, it catches up then.
                </p>
              </div>
            ) : null}
            {h.tradingUsage?.length ? <TradingUsage usage={h.tradingUsage} at={h.tradingUsageAt ? when(h.tradingUsageAt) : null} /> : null}
            {h.recentErrors.length > 0 ? (
              <div>
                <h3 className="font-medium">Recent problems</h3>
                <ul className="list-disc pl-5 text-red-800">
                  {h.recentErrors.map((e) => (
                    <li key={`${e.at.toISOString()}-${e.kind}`}>
                      {when(e.at)} · {KIND_LABEL[e.kind]}: {e.message}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
          </section>
        ))}
      </div>

      <section aria-labelledby="runs-h" className="space-y-2">
        <h2 id="runs-h" className="text-lg font-semibold">
          Sync history
        </h2>
        <FilterForm label="Filter sync history" resetHref="/sync">
          <SelectFilter name="connection" label="Shop" value={filters.connection} options={[{ value: "", label: "All shops" }, ...health.map((h) => ({ value: h.id, label: h.name }))]} />
          <SelectFilter name="kind" label="Kind" value={filters.kind} options={[{ value: "", label: "Any kind" }, ...SYNC_KINDS.map((k) => ({ value: k, label: KIND_LABEL[k] }))]} />
          <SelectFilter
            name="status"
            label="Result"
            value={filters.status}
            options={[{ value: "", label: "Any result" }, ...SYNC_STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s] }))]}
          />
        </FilterForm>
        <Table
          caption="Sync history"
          head={["Started", "Shop", "Kind", "Trigger", "Result", <span key="items" className="block text-right">Items</span>, <span key="calls" className="block text-right">API calls</span>, "Problem"]}
        >
          {runs.rows.map((r) => (
            <tr key={r.id}>
              <Td className="whitespace-nowrap">{when(r.startedAt)}</Td>
              <Td>
                {r.shopName} (<MarketplaceName marketplace={r.marketplace} />)
              </Td>
              <Td>{KIND_LABEL[r.kind]}</Td>
              <Td>{triggerLabel(r.trigger)}</Td>
              <Td>{STATUS_LABEL[r.status]}</Td>
              <Td className="text-right tabular-nums">
                {r.itemsSeen} seen, {r.itemsCreated} new, {r.itemsUpdated} updated
              </Td>
              <Td className="text-right tabular-nums">{r.apiCalls}</Td>
              <Td className="text-red-800">{r.error ?? (r.itemErrors.length ? `${r.itemErrors.length} item(s) skipped: ${r.itemErrors[0].message}` : "")}</Td>
            </tr>
          ))}
          {runs.rows.length === 0 ? <Empty cols={8}>No sync runs match.</Empty> : null}
        </Table>
        <Pagination page={runs.page} pageCount={Math.max(1, Math.ceil(runs.total / runs.pageSize))} total={runs.total} params={filters} noun="runs" />
      </section>
    </div>
  );
}

/** eBay's own count of the app's Trading API calls (GetApiAccessRules): each call has its own daily limit. */
function TradingUsage({ usage, at }: { usage: { callName: string; dailyUsage: number; dailyLimit: number }[]; at: string | null }) {
  return (
    <div>
      <p>eBay Trading API (Seller Hub listings), daily limits as eBay reported them{at ? ` at ${at}` : ""}:</p>
      <ul className="list-disc pl-5">
        {usage.map((u) => (
          <li key={u.callName}>
            {u.callName === "ApplicationAggregate" ? "All calls" : u.callName}: {u.dailyUsage.toLocaleString("en")} of {u.dailyLimit.toLocaleString("en")}
          </li>
        ))}
      </ul>
    </div>
  );
}
