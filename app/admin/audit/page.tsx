import { formatDateTime, readParams, type SearchParams } from "@/components/admin/format";
import { withParam } from "@/components/ui/pagination";
import { Pagination } from "@/components/ui/pagination";
import { FilterForm, SelectFilter, TextFilter } from "@/components/ui/filters";
import { PageTitle } from "@/components/admin/table";
import { Empty, Table, Td } from "@/components/ui/table";
import { AUDIT_ACTIONS } from "@/db/schema";
import { listAuditEvents } from "@/lib/admin/audit-log";
import { requireAdmin } from "@/lib/admin/guard";
import { withoutInvalidParams } from "@/lib/parse-input";
import { auditListQuery } from "@/lib/admin/schemas";

export const metadata = { title: "Audit log" };

const json = (v: unknown) => (v == null ? "" : JSON.stringify(v));

export default async function AdminAuditPage({ searchParams }: { searchParams: SearchParams }) {
  await requireAdmin();
  const params = await readParams(searchParams);
  const q = auditListQuery.parse(withoutInvalidParams(auditListQuery, params));
  const result = await listAuditEvents(q);
  return (
    <>
      <PageTitle sub="Every admin action and every security-relevant seller action.">Audit log</PageTitle>
      <FilterForm resetHref="/admin/audit">
        <TextFilter name="orgId" label="Organization id" value={q.orgId} placeholder="uuid" />
        <TextFilter name="actor" label="Actor" value={q.actor} placeholder="Email or user id" />
        <SelectFilter name="action" label="Action" value={q.action} options={[{ value: "", label: "All" }, ...AUDIT_ACTIONS.map((a) => ({ value: a, label: a }))]} />
        <TextFilter type="datetime-local" name="from" label="From (UTC)" value={params.from} />
        <TextFilter type="datetime-local" name="to" label="To (UTC)" value={params.to} />
      </FilterForm>
      <p className="mb-3 text-sm">
        <a href={`/admin/audit/export${withParam(params, "page", undefined)}`} className="text-indigo-700 hover:underline" download>
          Export these events as CSV
        </a>
      </p>
      <Table caption="Audit events" head={["When", "Action", "Actor", "Organization", "Target", "Before → after", "IP"]}>
        {result.rows.length === 0 ? <Empty cols={7}>No event matches.</Empty> : null}
        {result.rows.map((e) => (
          <tr key={e.id}>
            <Td className="whitespace-nowrap">{formatDateTime(e.at)}</Td>
            <Td className="font-mono text-xs">{e.action}</Td>
            <Td>{e.actorEmail ?? e.actorType}</Td>
            <Td>{e.orgName ?? "—"}</Td>
            <Td className="font-mono text-xs">{e.targetType ? `${e.targetType} ${e.targetId ?? ""}` : "—"}</Td>
            <Td className="max-w-md font-mono text-xs break-all text-gray-600">{e.before == null && e.after == null ? "—" : `${json(e.before)} → ${json(e.after)}`}</Td>
            <Td>{e.ip ?? "—"}</Td>
          </tr>
        ))}
      </Table>
      <Pagination page={result.page} pageCount={result.pageCount} total={result.total} params={params} noun="events" />
    </>
  );
}
