import Link from "next/link";
import { formatDuration, formatPercent } from "@/components/admin/format";
import { PageTitle, Section } from "@/components/admin/table";
import { Empty, Table, Td } from "@/components/ui/table";
import { requireAdmin } from "@/lib/admin/guard";
import { SUCCESS_TARGET } from "@/lib/admin/metrics";
import { getOverview } from "@/lib/admin/overview";

export const metadata = { title: "Overview" };

function Stat({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="min-w-0 break-words rounded-lg border border-gray-200 bg-white p-4">
      <p className="text-sm text-gray-500">{label}</p>
      <p className="mt-1 text-2xl font-semibold">{value}</p>
      {note ? <p className="mt-1 text-xs text-gray-500">{note}</p> : null}
    </div>
  );
}

function rateNote(rate: number | null, finished: number) {
  if (rate == null) return "No finished runs";
  return `${finished.toLocaleString("en-US")} runs · ${rate >= SUCCESS_TARGET ? "on target" : "below the 95% target"}`;
}

export default async function AdminOverviewPage() {
  await requireAdmin();
  const o = await getOverview();
  const finished = (c: { succeeded: number; partial: number; failed: number }) => c.succeeded + c.partial + c.failed;
  return (
    <>
      <PageTitle sub="The whole platform at a glance. Times are UTC.">Overview</PageTitle>
      <div className="grid grid-cols-2 gap-4 md:grid-cols-4">
        <Stat label="Organizations" value={o.organizations.total.toLocaleString("en-US")} note={`${o.organizations.disabled} disabled`} />
        <Stat label="Users" value={o.users.toLocaleString("en-US")} />
        <Stat label="Orders today" value={o.ordersToday.toLocaleString("en-US")} />
        <Stat label="Connections" value={o.connections.reduce((s, c) => s + c.count, 0).toLocaleString("en-US")} note={o.connections.map((c) => `${c.count} ${c.status.replace("_", " ")}`).join(" · ")} />
        <Stat label="Sync success, 24 h" value={formatPercent(o.syncSuccess.day.rate)} note={rateNote(o.syncSuccess.day.rate, finished(o.syncSuccess.day))} />
        <Stat label="Sync success, 7 days" value={formatPercent(o.syncSuccess.week.rate)} note={rateNote(o.syncSuccess.week.rate, finished(o.syncSuccess.week))} />
      </div>

      <Section title="Marketplace API calls today">
        <Table caption="API calls per app key today" head={["App key", "Calls", "Daily limit", "Used"]}>
          {o.apiUsage.length === 0 ? <Empty cols={4}>No calls yet today.</Empty> : null}
          {o.apiUsage.map((u) => (
            <tr key={u.appKey}>
              <Td className="font-mono">{u.appKey}</Td>
              <Td>{u.calls.toLocaleString("en-US")}</Td>
              <Td>{u.limit == null ? "per-API limits" : u.limit.toLocaleString("en-US")}</Td>
              <Td className={u.used != null && u.used > 0.8 ? "font-semibold text-red-700" : ""}>{formatPercent(u.used)}</Td>
            </tr>
          ))}
        </Table>
      </Section>

      <div className="grid gap-6 lg:grid-cols-2">
        <Section title="Most failing connections (7 days)">
          <Table caption="Connections with the most failed sync runs" head={["Connection", "Organization", "Failed", "Last error"]}>
            {o.failing.length === 0 ? <Empty cols={4}>No failures this week.</Empty> : null}
            {o.failing.map((c) => (
              <tr key={c.connectionId}>
                <Td>
                  {c.connectionName} <span className="text-gray-500">({c.marketplace})</span>
                </Td>
                <Td>
                  <Link className="text-indigo-700 hover:underline" href={`/admin/organizations/${c.orgId}`}>
                    {c.orgName}
                  </Link>
                </Td>
                <Td>
                  {c.failed} of {c.runs}
                </Td>
                <Td className="max-w-xs truncate text-gray-600">{c.lastError ?? "—"}</Td>
              </tr>
            ))}
          </Table>
        </Section>
        <Section title="Slowest connections (7 days)">
          <Table caption="Connections with the slowest sync runs" head={["Connection", "Organization", "Average run", "Runs"]}>
            {o.slowest.length === 0 ? <Empty cols={4}>No finished runs this week.</Empty> : null}
            {o.slowest.map((c) => (
              <tr key={c.connectionId}>
                <Td>
                  {c.connectionName} <span className="text-gray-500">({c.marketplace})</span>
                </Td>
                <Td>
                  <Link className="text-indigo-700 hover:underline" href={`/admin/organizations/${c.orgId}`}>
                    {c.orgName}
                  </Link>
                </Td>
                <Td>{formatDuration(c.avgMs)}</Td>
                <Td>{c.runs}</Td>
              </tr>
            ))}
          </Table>
        </Section>
      </div>
    </>
  );
}
