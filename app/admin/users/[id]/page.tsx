import Link from "next/link";
import { ActionForm } from "@/components/admin/action-form";
import { formatDateTime } from "@/components/admin/format";
import { Badge, PageTitle, Section } from "@/components/admin/table";
import { Empty, Table, Td } from "@/components/ui/table";
import { orNotFound, requireAdmin } from "@/lib/admin/guard";
import { getUserDetail } from "@/lib/admin/users";
import { disableUserAction, enableUserAction, grantPlatformAdminAction, revokePlatformAdminAction, sendPasswordResetAction } from "../../actions";

export const metadata = { title: "User" };

const isUserId = (id: string) => id.length > 0 && id.length <= 100;

export default async function AdminUserPage({ params }: { params: Promise<{ id: string }> }) {
  const admin = await requireAdmin();
  const { user, memberships, events } = await orNotFound((await params).id, isUserId, getUserDetail);
  const self = user.id === admin.userId;
  const hidden = <input type="hidden" name="userId" value={user.id} />;
  return (
    <>
      <PageTitle sub={`${user.name ?? "No name"} · signed up ${formatDateTime(user.createdAt)} · email ${user.emailVerified ? "verified" : "not verified"}`}>
        {user.email} <Badge status={user.disabledAt ? "disabled" : "active"} />
        {user.platformRole === "admin" ? <span className="ml-2 text-sm font-normal text-gray-600">Platform admin</span> : null}
      </PageTitle>

      <section aria-label="Account actions" className="flex flex-wrap gap-6 rounded-lg border border-gray-200 bg-white p-4">
        <ActionForm action={sendPasswordResetAction} submitLabel="Send a password reset" success="A password reset email is on its way.">
          {hidden}
        </ActionForm>
        {self ? (
          <p className="text-sm text-gray-600">This is you: another admin must disable your account or change your role.</p>
        ) : (
          <>
            {user.disabledAt ? (
              <ActionForm action={enableUserAction} submitLabel="Enable user" success="Enabled." variant="primary">
                {hidden}
              </ActionForm>
            ) : (
              <ActionForm action={disableUserAction} submitLabel="Disable user" success="Disabled: they are signed out at their next request." variant="danger">
                {hidden}
              </ActionForm>
            )}
            {user.platformRole === "admin" ? (
              <ActionForm action={revokePlatformAdminAction} submitLabel="Revoke platform admin" success="No longer a platform admin." variant="danger">
                {hidden}
              </ActionForm>
            ) : (
              <ActionForm action={grantPlatformAdminAction} submitLabel="Make platform admin" success="Now a platform admin.">
                {hidden}
              </ActionForm>
            )}
          </>
        )}
      </section>

      <Section title="Memberships">
        <Table caption="Memberships" head={["Organization", "Role", "Organization status", "Joined"]}>
          {memberships.length === 0 ? <Empty cols={4}>Not a member of any organization.</Empty> : null}
          {memberships.map((m) => (
            <tr key={m.orgId}>
              <Td>
                <Link href={`/admin/organizations/${m.orgId}`} className="text-indigo-700 hover:underline">
                  {m.name}
                </Link>
              </Td>
              <Td>{m.role}</Td>
              <Td>
                <Badge status={m.orgDisabledAt ? "disabled" : "active"} />
              </Td>
              <Td>{formatDateTime(m.joinedAt)}</Td>
            </tr>
          ))}
        </Table>
      </Section>

      <Section title="Recent security events">
        <Table caption="Audit events by or about this user" head={["When", "Action", "Actor", "IP"]}>
          {events.length === 0 ? <Empty cols={4}>No events.</Empty> : null}
          {events.map((e) => (
            <tr key={e.id}>
              <Td>{formatDateTime(e.at)}</Td>
              <Td className="font-mono text-xs">{e.action}</Td>
              <Td>{e.actorUserId === user.id ? "this user" : e.actorType}</Td>
              <Td>{e.ip ?? "—"}</Td>
            </tr>
          ))}
        </Table>
      </Section>
    </>
  );
}
