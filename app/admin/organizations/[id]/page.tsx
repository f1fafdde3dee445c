import Link from "next/link";
import { ActionForm } from "@/components/admin/action-form";
import { formatDateTime } from "@/components/admin/format";
import { Badge, PageTitle, Section } from "@/components/admin/table";
import { Empty, Table, Td } from "@/components/ui/table";
import { isUuid, orNotFound, requireAdmin } from "@/lib/admin/guard";
import { getOrganizationDetail } from "@/lib/admin/organizations";
import { disableOrganizationAction, enableOrganizationAction, triggerConnectionSyncAction } from "../../actions";

export const metadata = { title: "Organization" };

export default async function AdminOrganizationPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  const { org, members, connections, runs, alerts, events } = await orNotFound((await params).id, isUuid, getOrganizationDetail);
  return (
    <>
      <PageTitle sub={`${org.slug} · created ${formatDateTime(org.createdAt)}`}>
        {org.name} <Badge status={org.disabledAt ? "disabled" : "active"} />
      </PageTitle>

      <section aria-label="Organization status" className="rounded-lg border border-gray-200 bg-white p-4">
        {org.disabledAt ? (
          <>
            <p className="text-sm">
              Disabled {formatDateTime(org.disabledAt)}: <strong>{org.disabledReason}</strong>. Members cannot sign in and its shops do not sync; its data is kept.
            </p>
            <ActionForm action={enableOrganizationAction} submitLabel="Enable organization" success="Enabled. Members can sign in and syncs resume." variant="primary" className="mt-3">
              <input type="hidden" name="orgId" value={org.id} />
            </ActionForm>
          </>
        ) : (
          <ActionForm action={disableOrganizationAction} submitLabel="Disable organization" success="Disabled. Members are signed out at their next request and syncs stop." variant="danger">
            <input type="hidden" name="orgId" value={org.id} />
            <label htmlFor="disable-reason" className="block text-sm font-medium text-gray-700">
              Reason (members see this when they try to sign in)
            </label>
            <input id="disable-reason" name="reason" required minLength={3} maxLength={500} className="block w-full max-w-lg rounded-md border border-gray-300 px-3 py-2 text-sm" />
          </ActionForm>
        )}
      </section>

      <Section title="Members">
        <Table caption="Members" head={["Email", "Name", "Role", "Account", "Joined"]}>
          {members.length === 0 ? <Empty cols={5}>No members.</Empty> : null}
          {members.map((m) => (
            <tr key={m.userId}>
              <Td>
                <Link href={`/admin/users/${m.userId}`} className="text-indigo-700 hover:underline">
                  {m.email}
                </Link>
              </Td>
              <Td>{m.name ?? "—"}</Td>
              <Td>{m.role}</Td>
              <Td>
                <Badge status={m.disabledAt ? "disabled" : "active"} />
              </Td>
              <Td>{formatDateTime(m.joinedAt)}</Td>
            </tr>
          ))}
        </Table>
      </Section>

      <Section title="Connections">
        <Table caption="Marketplace connections" head={["Shop", "Status", "Last success", "Last error", ""]}>
          {connections.length === 0 ? <Empty cols={5}>No shops connected.</Empty> : null}
          {connections.map((c) => (
            <tr key={c.id}>
              <Td>
                {c.name} <span className="text-gray-500">({c.marketplace} {c.externalId})</span>
              </Td>
              <Td>
                <Badge status={c.status} />
              </Td>
              <Td>{formatDateTime(c.lastSuccessAt)}</Td>
              <Td className="max-w-xs text-gray-600">{c.lastError ? `${c.lastError} (${formatDateTime(c.lastErrorAt)})` : "—"}</Td>
              <Td>
                <ActionForm action={triggerConnectionSyncAction} submitLabel="Sync now" success="Sync requested.">
                  <input type="hidden" name="connectionId" value={c.id} />
                </ActionForm>
              </Td>
            </tr>
          ))}
        </Table>
      </Section>

      <Section title="Recent sync runs">
        <Table caption="Recent sync runs" head={["Started", "Shop", "Kind", "Status", "Error"]}>
          {runs.length === 0 ? <Empty cols={5}>No sync runs yet.</Empty> : null}
          {runs.map((r) => (
            <tr key={r.id}>
              <Td>
                <Link href={`/admin/sync-runs/${r.id}`} className="text-indigo-700 hover:underline">
                  {formatDateTime(r.startedAt)}
                </Link>
              </Td>
              <Td>
                {r.connectionName} ({r.marketplace})
              </Td>
              <Td>{r.kind}</Td>
              <Td>
                <Badge status={r.status} />
              </Td>
              <Td className="max-w-xs text-gray-600">{r.error ? `${r.errorClass ?? "Error"}: ${r.error}` : "—"}</Td>
            </tr>
          ))}
        </Table>
      </Section>

      <Section title="Alerts">
        <Table caption="Low-stock alerts" head={["Opened", "Product", "State", "On hand at opening", "Threshold"]}>
          {alerts.length === 0 ? <Empty cols={5}>No alerts.</Empty> : null}
          {alerts.map((a) => (
            <tr key={a.id}>
              <Td>{formatDateTime(a.openedAt)}</Td>
              <Td>
                {a.title} <span className="text-gray-500">({a.sku})</span>
              </Td>
              <Td>{a.state}</Td>
              <Td>{a.onHandAtOpen}</Td>
              <Td>{a.threshold}</Td>
            </tr>
          ))}
        </Table>
      </Section>

      <Section title="Audit events">
        <Table caption="Recent audit events" head={["When", "Action", "Actor", "Target"]}>
          {events.length === 0 ? <Empty cols={4}>No events.</Empty> : null}
          {events.map((e) => (
            <tr key={e.id}>
              <Td>{formatDateTime(e.at)}</Td>
              <Td className="font-mono text-xs">{e.action}</Td>
              <Td>{e.actorEmail ?? e.actorType}</Td>
              <Td className="font-mono text-xs">{e.targetType ? `${e.targetType} ${e.targetId ?? ""}` : "—"}</Td>
            </tr>
          ))}
        </Table>
        <Link href={`/admin/audit?orgId=${org.id}`} className="mt-2 inline-block text-sm text-indigo-700 hover:underline">
          Full audit log for this organization
        </Link>
      </Section>
    </>
  );
}
