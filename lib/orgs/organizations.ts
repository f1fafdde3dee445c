import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { db, type DbOrTx } from "@/db/client";
import { memberships, organizations, users, type Organization, type Role } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { NotFound } from "@/lib/errors";
import { slugCandidates } from "./slug";

export type UserOrganization = Pick<Organization, "id" | "name" | "slug" | "disabledAt"> & { role: Role };

/** A new organization with its creator as owner, made current for them. Run inside a transaction. */
export async function createOrganization(tx: DbOrTx, input: { userId: string; name: string; timezone?: string }): Promise<Organization> {
  // ON CONFLICT on the slug, not a prior SELECT: two sign-ups with the same name at once both succeed.
  let org: Organization | undefined;
  for (const slug of slugCandidates(input.name, 8)) {
    [org] = await tx
      .insert(organizations)
      .values({ name: input.name, slug, settings: input.timezone ? { timezone: input.timezone } : {} })
      .onConflictDoNothing({ target: organizations.slug })
      .returning();
    if (org) break;
  }
  if (!org) throw new Error(`no free slug for organization "${input.name}"`);
  await tx.insert(memberships).values({ orgId: org.id, userId: input.userId, role: "owner" });
  await tx.update(users).set({ currentOrgId: org.id }).where(eq(users.id, input.userId));
  await recordAudit(tx, { orgId: org.id, actor: { type: "user", userId: input.userId }, action: "org.created", target: { type: "organization", id: org.id }, after: { name: org.name, slug: org.slug } });
  return org;
}

export function listUserOrganizations(userId: string, dbOrTx: DbOrTx = db): Promise<UserOrganization[]> {
  return dbOrTx
    .select({ id: organizations.id, name: organizations.name, slug: organizations.slug, disabledAt: organizations.disabledAt, role: memberships.role })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt), asc(organizations.name));
}

/** Makes orgId the user's current organization; an organization they do not belong to does not exist for them. */
export async function switchOrganization(userId: string, orgId: string): Promise<void> {
  if (!z.uuid().safeParse(orgId).success) throw new NotFound("That organization does not exist or you are not a member of it.");
  const [m] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.orgId, orgId)));
  if (!m) throw new NotFound("That organization does not exist or you are not a member of it.");
  await db.update(users).set({ currentOrgId: orgId }).where(eq(users.id, userId));
}

/** "Create another organization": the user becomes its owner and it becomes current. */
export function createOrganizationForUser(userId: string, name: string): Promise<Organization> {
  return db.transaction((tx) => createOrganization(tx, { userId, name }));
}
