import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { users, type Role, type User } from "@/db/schema";
import { Forbidden, NotFound } from "@/lib/errors";
import { listUserOrganizations, type UserOrganization } from "@/lib/orgs/organizations";
import { assertRole, type OrgContext } from "./context";

export type OrgResolution =
  | { kind: "ok"; ctx: OrgContext; org: UserOrganization; organizations: UserOrganization[] }
  | { kind: "no_membership" }
  | { kind: "disabled"; org: UserOrganization; organizations: UserOrganization[] };

/** A user id, or the user row the session already loaded (currentUser): then it is not read again. */
export type Actor = string | Pick<User, "id" | "currentOrgId" | "disabledAt">;

/**
 * The user's current organization: users.current_org_id when they are still a member,
 * otherwise their first membership. Nothing else decides which tenant a request acts for.
 */
export async function resolveOrgContext(actor: Actor): Promise<OrgResolution> {
  const userId = typeof actor === "string" ? actor : actor.id;
  const [user] = typeof actor === "string" ? await db.select({ currentOrgId: users.currentOrgId, disabledAt: users.disabledAt }).from(users).where(eq(users.id, userId)) : [actor];
  if (!user || user.disabledAt) return { kind: "no_membership" };
  const organizations = await listUserOrganizations(userId);
  const org = organizations.find((o) => o.id === user.currentOrgId) ?? organizations[0];
  if (!org) return { kind: "no_membership" };
  if (org.disabledAt) return { kind: "disabled", org, organizations };
  return { kind: "ok", ctx: { orgId: org.id, userId, role: org.role }, org, organizations };
}

/** For actions and route handlers: the context, or the typed error to answer with. */
export async function orgContextForUser(actor: Actor, minRole: Role): Promise<OrgContext> {
  const r = await resolveOrgContext(actor);
  if (r.kind === "no_membership") throw new NotFound("You are not a member of any organization. Create one or ask an owner to invite you.");
  if (r.kind === "disabled") throw new Forbidden(`The organization ${r.org.name} has been disabled. Contact support to restore access.`);
  assertRole(r.ctx, minRole);
  return r.ctx;
}

