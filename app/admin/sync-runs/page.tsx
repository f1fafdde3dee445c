import Link from "next/link";
import { ActionForm } from "@/components/admin/action-form";
import { formatDateTime, readParams, type SearchParams } from "@/components/admin/format";
import { Pagination } from "@/components/ui/pagination";
import { FilterForm, SelectFilter, TextFilter } from "@/components/ui/filters";
import { Badge, PageTitle } from "@/components/admin/table";
import { Empty, Table, Td } from "@/components/ui/table";
import { MARKETPLACES, SYNC_KINDS } from "@/db/schema";
import { requireAdmin } from "@/lib/admin/guard";
import { withoutInvalidParams } from "@/lib/parse-input";
import { syncRunListQuery } from "@/lib/admin/schemas";
import { listSyncErrorClasses, listSyncRuns } from "@/lib/admin/sync-runs";
import { rerunSyncRunsAction } from "../actions";

export const metadata = { title: "Sync runs" };

const all = { value: "", label: "All" };

export default async function AdminSyncRunsPage({ searchParams }: { searchParams: SearchParams }) {
  await requireAdmin();
  const params = await readParams(searchParams);
  const q = syncRunListQuery.parse(withoutInvalidParams(syncRunListQuery, params));
  const [result, errorClasses] = await Promise.all([listSyncRuns(q), listSyncErrorClasses()]);
  return (
    <>
      <PageTitle sub="Sync runs across every tenant; failures first. Select runs to run them again.">Sync runs</PageTitle>
      <FilterForm resetHref="/admin/sync-runs">
        <SelectFilter name="status" label="Status" value={q.status} options={["failed", "partial", "running", "succeeded", "all"].map((s) => ({ value: s, label: s }))} />
        <SelectFilter name="marketplace" label="Marketplace" value={q.marketplace} options={[all, ...MARKETPLACES.map((m) => ({ value: m, label: m }))]} />
        <SelectFilter name="kind" label="Kind" value={q.kind} options={[all, ...SYNC_KINDS.map((k) => ({ value: k, label: k }))]} />
        <SelectFilter name="errorClass" label="Error class" value={q.errorClass} options={[all, ...errorClasses.map((e) => ({ value: e, label: e }))]} />
        <TextFilter type="datetime-local" name="from" label="From (UTC)" value={params.from} />
        <TextFilter type="datetime-local" name="to" label="To (UTC)" value={params.to} />
      </FilterForm>
      <ActionForm action={rerunSyncRunsAction} submitLabel="Re-run selected" success="Re-run finished; see the new runs below." variant="primary">
        <Table caption="Sync runs" head={["", "Started", "Organization", "Shop", "Kind", "Status", "Error"]}>
          {result.rows.length === 0 ? <Empty cols={7}>No sync run matches.</Empty> : null}
          {result.rows.map((r) => (
            <tr key={r.id}>
              <Td>
                <input type="checkbox" name="runIds" value={r.id} aria-label={`Select the ${r.kind} run of ${r.connectionName} started ${formatDateTime(r.startedAt)}`} />
              </Td>
              <Td>
                <Link href={`/admin/sync-runs/${r.id}`} className="text-indigo-700 hover:underline">
                  {formatDateTime(r.startedAt)}
                </Link>
              </Td>
              <Td>
                <Link href={`/admin/organizations/${r.orgId}`} className="hover:underline">
                  {r.orgName}
                </Link>
              </Td>
              <Td>
                {r.connectionName} ({r.marketplace})
              </Td>
              <Td>{r.kind}</Td>
              <Td>
                <Badge status={r.status} />
              </Td>
              <Td className="max-w-sm text-gray-600">{r.error ? `${r.errorClass ?? "Error"}: ${r.error}` : "—"}</Td>
            </tr>
          ))}
        </Table>
      </ActionForm>
      <Pagination page={result.page} pageCount={result.pageCount} total={result.total} params={params} noun="runs" />
    </>
  );
}
