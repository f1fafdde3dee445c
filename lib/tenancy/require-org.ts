import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import type { Role, User } from "@/db/schema";
import { requireUser } from "@/lib/auth/session";
import type { UserOrganization } from "@/lib/orgs/organizations";
import { roleAtLeast, type OrgContext } from "./context";
import { resolveOrgContext } from "./resolve";

export type OrgPage = OrgContext & { org: UserOrganization; organizations: UserOrganization[]; user: User };

const resolveForPage = cache(async (): Promise<OrgPage> => {
  const user = await requireUser();
  // The row requireUser just read carries current_org_id: no second read of it.
  const r = await resolveOrgContext(user);
  if (r.kind === "no_membership") redirect("/organizations/new");
  if (r.kind === "disabled") redirect("/organization-disabled");
  return { ...r.ctx, org: r.org, organizations: r.organizations, user };
});

/**
 * For server components and pages: the signed-in user's current organization and role.
 * Signed out -> /sign-in; no organization -> create one; disabled -> explanation page;
 * role below minRole -> 404 (the page does not exist for them).
 */
export async function requireOrg(minRole: Role = "viewer"): Promise<OrgPage> {
  const page = await resolveForPage();
  if (!roleAtLeast(page.role, minRole)) notFound();
  return page;
}
