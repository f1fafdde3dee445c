import { connectableAccounts, connectHref, MARKETPLACE_METAS, marketplaceLabel, marketplaceMeta } from "@/lib/marketplaces/meta";
import type { Metadata } from "next";
import Link from "next/link";
import { ImportProgress } from "@/components/inventory/ImportProgress";
import { AutoRefresh } from "@/components/sync/AutoRefresh";
import { connectionImportSummary, listConnections, type ConnectionStatusBadge, type ConnectionSummary } from "@/lib/connections";
import { getImportProgress } from "@/lib/sync/health";
import { requireOrg, roleAtLeast } from "@/lib/tenancy";
import { ruleLabel } from "@/lib/inventory/quantity-rules";
import { ChannelLocationForm, ChannelRuleForm, DisconnectButton, EbayZeroStockForm, ReadLocationsButton, SyncNowButton } from "./connection-actions";
import { formatDateTime } from "@/lib/format/date-time";
import { getOrgSettings } from "@/lib/settings/org-settings";

export const metadata: Metadata = { title: "Connections" };

const BADGE: Record<ConnectionStatusBadge, { label: string; className: string }> = {
  active: { label: "Active", className: "bg-green-100 text-green-800" },
  syncing: { label: "Syncing", className: "bg-blue-100 text-blue-800" },
  needs_reconnect: { label: "Needs reconnect", className: "bg-amber-100 text-amber-900" },
  error: { label: "Error", className: "bg-red-100 text-red-800" },
  disabled: { label: "Disconnected", className: "bg-gray-100 text-gray-700" },
};


export default async function ConnectionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const page = await requireOrg();
  const canManage = roleAtLeast(page.role, "manager");
  const [connections, settings, importing] = await Promise.all([listConnections(page), getOrgSettings(page), getImportProgress(page)]);
  const { connected } = await searchParams;
  const just = connections.find((c) => c.id === connected);
  const summary = just ? await connectionImportSummary(page, just.id) : null;
  const justImporting = just ? importing.some((i) => i.connectionId === just.id) : false;
  return (
    <div className="space-y-6">
      <AutoRefresh active={importing.length > 0} />
      {just && summary ? (
        <div role="status" className="rounded-lg border border-green-200 bg-green-50 p-4 text-sm text-green-900">
          <p className="font-medium">
            {marketplaceLabel(just.marketplace)} {just.name} is connected.
          </p>
          <p>
            {justImporting
              ? "Stockroom is importing its listings now; this page updates as it goes."
              : `Imported ${summary.items} listing${summary.items === 1 ? "" : "s"} (variations count one each): ${summary.linked} linked to products and kept in sync${summary.items > summary.linked ? `, ${summary.items - summary.linked} to link by hand` : ""}.`}{" "}
            <Link href="/inventory" className="font-medium underline">
              Open Inventory
            </Link>
          </p>
          {just.locationsError ? <p className="text-amber-900">{just.locationsError}</p> : null}
        </div>
      ) : null}
      {importing.length > 0 ? <ImportProgress importing={importing} /> : null}
      <div className="flex flex-wrap items-center justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Connections</h1>
          <p className="text-sm text-gray-600">The {connectableAccounts()} whose stock Stockroom keeps in step.</p>
        </div>
        {canManage ? (
          <div className="flex gap-2">
            {MARKETPLACE_METAS.map((m) => (
              <a key={m.id} href={connectHref(m.id)} className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700">
                Connect {m.label} {m.accountNoun}
              </a>
            ))}
          </div>
        ) : (
          <p className="text-sm text-gray-600">You have read-only access. Owners and managers can connect shops.</p>
        )}
      </div>
      {connections.length === 0 ? (
        <p className="rounded-md border border-dashed border-gray-300 p-6 text-center text-gray-600">No shops connected yet.{canManage ? ` Connect one of your ${connectableAccounts("or")} to start syncing stock.` : ""}</p>
      ) : (
        <ul className="space-y-3" aria-label="Connected shops">
          {connections.map((c) => (
            <ConnectionCard key={c.id} connection={c} canManage={canManage} timeZone={settings.timezone} />
          ))}
        </ul>
      )}
    </div>
  );
}

function ConnectionCard({ connection: c, canManage, timeZone }: { connection: ConnectionSummary; canManage: boolean; timeZone: string }) {
  const when = (d: Date | null) => (d ? formatDateTime(d, timeZone) : "Never");
  const badge = BADGE[c.badge];
  const label = marketplaceLabel(c.marketplace);
  return (
    <li className="rounded-lg border border-gray-200 bg-white p-4" aria-label={`${label} ${c.name}`}>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="space-y-1">
          <p className="text-xs font-medium uppercase tracking-wide text-gray-500">{label}</p>
          <p className="text-lg font-semibold">{c.name}</p>
          <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${badge.className}`}>{badge.label}</span>
          <p className="text-sm text-gray-600">Last successful sync: {when(c.lastSuccessAt)}</p>
          {c.status === "active" && c.notifications === "delayed" ? (
            <p className="text-sm text-amber-700">Notifications delayed: the last check found a sale {label} did not notify us about, so Stockroom checks for orders every few minutes until they flow again.</p>
          ) : null}
          {c.status === "active" && c.notifications === "live" ? <p className="text-sm text-gray-600">Sales arrive by notification within seconds.</p> : null}
          {c.lastError && c.status !== "active" ? <p className="text-sm text-red-700">{c.lastError}</p> : null}
          {c.marketplace === "ebay" && c.status !== "disabled" ? <EbayOutOfStockPanel connection={c} canManage={canManage} /> : null}
          <LocationPanel connection={c} canManage={canManage} />
          <ChannelRulePanel connection={c} canManage={canManage} />
        </div>
        {canManage ? (
          <div className="flex flex-wrap items-start gap-2">
            {c.status === "active" || c.status === "error" ? <SyncNowButton connectionId={c.id} /> : null}
            {c.status === "needs_reconnect" || c.status === "disabled" || c.status === "error" ? (
              <a href={`/api/connections/${c.marketplace}/start?connectionId=${c.id}`} className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700">
                Reconnect
              </a>
            ) : null}
            {c.status !== "disabled" ? <DisconnectButton connectionId={c.id} name={c.name} note={marketplaceMeta(c.marketplace).disconnectNote} /> : null}
          </div>
        ) : null}
      </div>
    </li>
  );
}

// eBay ends a fixed-price listing at quantity 0 unless the seller's out-of-stock control
// setting is on (read with GetUserPreferences at connect and daily). Without it Stockroom
// sends no 0 until the seller chooses here.
function EbayOutOfStockPanel({ connection: c, canManage }: { connection: ConnectionSummary; canManage: boolean }) {
  const ended =
    c.endedListings > 0 ? (
      <p className="text-sm text-amber-900">
        {c.endedListings} eBay listing{c.endedListings === 1 ? " has" : "s have"} ended and cannot come back with a restock: relist {c.endedListings === 1 ? "it" : "them"} on eBay (see each
        product&apos;s page for the link).
      </p>
    ) : null;
  if (c.outOfStockControl === true)
    return (
      <div className="max-w-prose space-y-1">
        <p className="text-sm text-gray-600">Out-of-stock control is on: a listing that sells out is hidden on eBay and comes back when Stockroom restocks it.</p>
        {ended}
      </div>
    );
  const chosen = { ask: null, keep_one: "Stockroom keeps 1 listed when you sell out elsewhere.", end: "Stockroom lets eBay end listings at 0; you relist them after a restock." }[c.zeroStock];
  return (
    <div className="max-w-prose space-y-2">
      <p className="text-sm text-gray-600">
        {c.outOfStockControl === false ? "Out-of-stock control is off in this eBay account" : "We have not read this account's out-of-stock setting yet"}: at quantity 0 eBay
        <strong> ends</strong> a fixed-price listing (it loses its watchers and search rank) and a restock cannot bring it back.{" "}
        {chosen ?? "Until you choose below, Stockroom never sets an eBay listing to 0."}
      </p>
      {ended}
      {canManage && c.status === "active" ? <EbayZeroStockForm connectionId={c.id} current={c.zeroStock} /> : null}
    </div>
  );
}

/** What this channel shows of each product's available stock, unless a listing has its own rule. */
// A store with several stock locations (Shopify): which one Stockroom reads and writes.
function LocationPanel({ connection: c, canManage }: { connection: ConnectionSummary; canManage: boolean }) {
  if (c.locationsError && c.status !== "disabled")
    return (
      <div className="max-w-prose space-y-2 pt-1">
        <p className="text-sm text-amber-900">{c.locationsError}</p>
        {canManage && c.status === "active" ? <ReadLocationsButton connectionId={c.id} /> : null}
      </div>
    );
  if (!c.locationName) return null;
  const locations = c.locations ?? [];
  const current = c.locationId ?? locations.find((l) => l.primary)?.id ?? "";
  return (
    <div className="max-w-prose space-y-1 pt-1">
      <p className="text-sm text-gray-600">
        Stock kept in step at: <strong>{c.locationName}</strong>
        {locations.length > 1 ? ` (one of ${locations.length} locations in this ${marketplaceMeta(c.marketplace).accountNoun})` : ""}.
      </p>
      {canManage && c.status !== "disabled" && locations.length > 1 ? <ChannelLocationForm connectionId={c.id} locations={locations} current={current} /> : null}
    </div>
  );
}

function ChannelRulePanel({ connection: c, canManage }: { connection: ConnectionSummary; canManage: boolean }) {
  const rule = { kind: c.quantityRule, value: c.quantityRuleValue };
  const label = ruleLabel(rule);
  return (
    <div className="max-w-prose space-y-1 pt-1">
      <p className="text-sm text-gray-600">
        Quantity rule: <strong>{label || "none"}</strong>
        {label ? "" : " (shows what is available: on hand less the reserve)"}. A listing&apos;s own rule on its product page wins.
      </p>
      {canManage && c.status !== "disabled" ? <ChannelRuleForm connectionId={c.id} name={`${marketplaceLabel(c.marketplace)} ${c.name}`} rule={rule} /> : null}
    </div>
  );
}
