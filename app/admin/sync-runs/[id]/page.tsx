import Link from "next/link";
import { ActionForm } from "@/components/admin/action-form";
import { formatDateTime } from "@/components/admin/format";
import { Badge, PageTitle, Section } from "@/components/admin/table";
import { Table, Td } from "@/components/ui/table";
import { isUuid, orNotFound, requireAdmin } from "@/lib/admin/guard";
import { getSyncRun } from "@/lib/admin/sync-runs";
import { rerunSyncRunsAction } from "../../actions";

export const metadata = { title: "Sync run" };

export default async function AdminSyncRunPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  const run = await orNotFound((await params).id, isUuid, getSyncRun);
  const facts: [string, React.ReactNode][] = [
    ["Organization", <Link key="org" href={`/admin/organizations/${run.orgId}`} className="text-indigo-700 hover:underline">{run.orgName}</Link>],
    ["Shop", `${run.connectionName} (${run.marketplace})`],
    ["Kind", run.kind],
    ["Trigger", run.trigger],
    ["Started", formatDateTime(run.startedAt)],
    ["Finished", formatDateTime(run.finishedAt)],
    ["Items seen / created / updated", `${run.itemsSeen} / ${run.itemsCreated} / ${run.itemsUpdated}`],
    ["API calls", run.apiCalls],
  ];
  return (
    <>
      <PageTitle>
        Sync run <Badge status={run.status} />
      </PageTitle>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-2 rounded-lg border border-gray-200 bg-white p-4 text-sm sm:grid-cols-2">
        {facts.map(([k, v]) => (
          <div key={k} className="flex gap-2">
            <dt className="w-56 text-gray-500">{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {run.error ? (
        <Section title="Error">
          <p className="font-mono text-sm">{run.errorClass}</p>
          <pre className="mt-2 whitespace-pre-wrap rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-900">{run.error}</pre>
        </Section>
      ) : null}
      {run.itemErrors.length > 0 ? (
        <Section title="Skipped items">
          <Table caption="Items skipped in this run" head={["Item", "Problem"]}>
            {run.itemErrors.map((e, i) => (
              <tr key={i}>
                <Td className="font-mono text-xs">{e.ref}</Td>
                <Td>{e.message}</Td>
              </tr>
            ))}
          </Table>
        </Section>
      ) : null}
      <Section title="Run it again">
        {run.orgDisabledAt ? (
          <p className="text-sm text-gray-600">The organization is disabled: enable it before re-running its syncs.</p>
        ) : (
          <ActionForm action={rerunSyncRunsAction} submitLabel="Re-run this sync" success="Re-run finished." variant="primary">
            <input type="hidden" name="runIds" value={run.id} />
          </ActionForm>
        )}
      </Section>
    </>
  );
}
