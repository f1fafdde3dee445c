import type { Metadata } from "next";
import Link from "next/link";
import { currentUser } from "@/lib/auth";
import { findInvitation, INVITATION_PROBLEMS } from "@/lib/orgs/invitations";
import { ROLE_LABELS } from "@/lib/orgs/roles";
import { AcceptInvitationForm } from "./accept-form";

export const metadata: Metadata = { title: "Invitation" };

function Card({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <main className="mx-auto max-w-md px-6 py-24">
      <div className="rounded-lg border border-gray-200 bg-white p-8 shadow-sm">
        <h1 className="mb-4 text-2xl font-semibold">{title}</h1>
        {children}
      </div>
    </main>
  );
}

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await findInvitation(token);
  if (!invitation) {
    return (
      <Card title="Invitation not found">
        <p className="text-gray-700">This invitation link is not valid. Check that you copied the whole link, or ask an owner to invite you again.</p>
      </Card>
    );
  }
  if (invitation.status !== "pending") {
    return (
      <Card title={`Invitation to ${invitation.orgName}`}>
        <p className="text-gray-700">{INVITATION_PROBLEMS[invitation.status]}</p>
      </Card>
    );
  }
  const user = await currentUser();
  const here = `/invite/${token}`;
  return (
    <Card title={`Join ${invitation.orgName}`}>
      <p className="mb-6 text-gray-700">
        You are invited to join <strong>{invitation.orgName}</strong> on Stockroom as {ROLE_LABELS[invitation.role].toLowerCase()}. The invitation is for {invitation.email}.
      </p>
      {user ? (
        <AcceptInvitationForm token={token} orgName={invitation.orgName} />
      ) : (
        <div className="flex gap-3">
          <Link href={`/sign-up?next=${encodeURIComponent(here)}&email=${encodeURIComponent(invitation.email)}`} className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700">
            Create an account
          </Link>
          <Link href={`/sign-in?next=${encodeURIComponent(here)}`} className="rounded-md border border-gray-300 px-4 py-2 text-sm font-medium hover:bg-gray-50">
            Sign in
          </Link>
        </div>
      )}
    </Card>
  );
}
