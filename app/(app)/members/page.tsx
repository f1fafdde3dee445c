import type { Metadata } from "next";
import { ActionForm } from "@/components/ui/action-form";
import { ScrollRegion } from "@/components/ui/table";
import { listPendingInvitations } from "@/lib/orgs/invitations";
import { listMembers } from "@/lib/orgs/members";
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES } from "@/lib/orgs/roles";
import { requireOrg } from "@/lib/tenancy";
import { changeRoleAction, removeMemberAction, revokeInvitationAction } from "./actions";
import { InviteForm } from "./invite-form";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage() {
  const ctx = await requireOrg();
  const isOwner = ctx.role === "owner";
  const [members, invitations] = await Promise.all([listMembers(ctx), isOwner ? listPendingInvitations(ctx) : Promise.resolve([])]);
  // The last owner cannot leave (the server refuses it too), so their row offers no "Remove".
  const owners = members.filter((m) => m.role === "owner").length;
  const removable = (m: (typeof members)[number]) => !(m.role === "owner" && owners <= 1);
  return (
    <div className="space-y-10">
      <div>
        <h1 className="text-2xl font-semibold">Members</h1>
        <p className="mt-1 text-sm text-gray-600">
          {isOwner ? "People who can open this organization. Owners manage members." : "People who can open this organization. Only owners can change members."}
        </p>
      </div>

      <section aria-labelledby="members-heading">
        <h2 id="members-heading" className="sr-only">
          Current members
        </h2>
        <ScrollRegion label="Current members">
        <table className="w-full text-sm">
          <thead className="bg-gray-50 text-left text-gray-600">
            <tr>
              <th className="px-4 py-2 font-medium">Name</th>
              <th className="px-4 py-2 font-medium">Email</th>
              <th className="px-4 py-2 font-medium">Role</th>
              {isOwner ? <th className="px-4 py-2 font-medium">Actions</th> : null}
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.membershipId} className="border-t border-gray-100 align-top">
                <td className="px-4 py-3">
                  {m.name ?? "—"}
                  {m.userId === ctx.userId ? <span className="ml-2 text-xs text-gray-500">(you)</span> : null}
                </td>
                <td className="px-4 py-3">{m.email}</td>
                <td className="px-4 py-3">
                  {isOwner ? (
                    <ActionForm action={changeRoleAction} hidden={{ membershipId: m.membershipId }} submitLabel="Update role">
                      <label className="sr-only" htmlFor={`role-${m.membershipId}`}>
                        Role for {m.email}
                      </label>
                      <select id={`role-${m.membershipId}`} name="role" defaultValue={m.role} className="rounded-md border border-gray-300 px-2 py-1.5 text-sm">
                        {[...ROLES].reverse().map((r) => (
                          <option key={r} value={r}>
                            {ROLE_LABELS[r]}
                          </option>
                        ))}
                      </select>
                    </ActionForm>
                  ) : (
                    <span title={ROLE_DESCRIPTIONS[m.role]}>{ROLE_LABELS[m.role]}</span>
                  )}
                </td>
                {isOwner ? (
                  <td className="px-4 py-3">
                    {removable(m) ? (
                      <ActionForm action={removeMemberAction} hidden={{ membershipId: m.membershipId }} submitLabel="Remove" variant="danger" confirm={`Remove ${m.email} from this organization?`} />
                    ) : (
                      <span className="text-xs text-gray-500">Only owner</span>
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
        </ScrollRegion>
      </section>

      {isOwner ? (
        <>
          <section aria-labelledby="invite-heading" className="rounded-lg border border-gray-200 bg-white p-6">
            <h2 id="invite-heading" className="mb-4 text-lg font-semibold">
              Invite someone
            </h2>
            <InviteForm />
          </section>
          <section aria-labelledby="pending-heading">
            <h2 id="pending-heading" className="mb-3 text-lg font-semibold">
              Pending invitations
            </h2>
            {invitations.length === 0 ? (
              <p className="text-sm text-gray-600">No pending invitations.</p>
            ) : (
              <ul className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white">
                {invitations.map((i) => (
                  <li key={i.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3 text-sm">
                    <span>
                      {i.email} · {ROLE_LABELS[i.role]} · expires {i.expiresAt.toISOString().slice(0, 10)}
                    </span>
                    <ActionForm action={revokeInvitationAction} hidden={{ invitationId: i.id }} submitLabel="Revoke" variant="danger" />
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      ) : null}
    </div>
  );
}
