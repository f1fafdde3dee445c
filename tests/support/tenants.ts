import { randomUUID } from "node:crypto";
import { db } from "@/db/client";
import { migrateDb } from "@/db/migrate";
import { memberships, organizations, users, type Role } from "@/db/schema";
import type { OrgContext } from "@/lib/tenancy/context";

/** An organization with one member of the given role; unique names so files can share a database. */
export async function newOrgMember(role: Role = "owner", label = "shop"): Promise<OrgContext & { email: string }> {
  await migrateDb();
  const id = randomUUID().slice(0, 8);
  const [org] = await db.insert(organizations).values({ name: `${label} ${id}`, slug: `${label}-${id}` }).returning();
  const user = await addMember(org?.id ?? "", role, label);
  return { orgId: org?.id ?? "", ...user };
}

export async function addMember(orgId: string, role: Role, label = "member"): Promise<{ userId: string; role: Role; email: string }> {
  const email = `${label}-${randomUUID().slice(0, 8)}@example.test`;
  const [user] = await db.insert(users).values({ email, name: `Test ${label}` }).returning();
  const userId = user?.id ?? "";
  await db.insert(memberships).values({ orgId, userId, role });
  return { userId, role, email };
}
