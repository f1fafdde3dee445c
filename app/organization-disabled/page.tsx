import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth";
import { env } from "@/lib/env";
import { resolveOrgContext } from "@/lib/tenancy";
import { OpenOrgButton } from "@/components/shell/org-switcher";

export const metadata: Metadata = { title: "Organization disabled" };

export default async function OrganizationDisabledPage() {
  const user = await requireUser();
  const r = await resolveOrgContext(user.id);
  if (r.kind !== "disabled") redirect("/inventory");
  const others = r.organizations.filter((o) => !o.disabledAt);
  return (
    <main className="mx-auto max-w-lg px-6 py-24">
      <h1 className="text-2xl font-semibold">{r.org.name} has been disabled</h1>
      <p className="mt-4 text-gray-700">
        Stockroom has disabled this organization, so its inventory, sales and connections are not available. Contact support at{" "}
        <a className="text-indigo-700 underline" href={`mailto:${env().SUPPORT_EMAIL}`}>
          {env().SUPPORT_EMAIL}
        </a>{" "}
        to restore access.
      </p>
      {others.length > 0 ? (
        <div className="mt-6">
          <p className="text-sm text-gray-600">You can still open your other organizations:</p>
          <ul className="mt-2 space-y-1">
            {others.map((o) => (
              <li key={o.id}>
                <OpenOrgButton id={o.id} className="text-indigo-700 underline">
                  {o.name}
                </OpenOrgButton>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </main>
  );
}
