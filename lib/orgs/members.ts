import { and, asc, eq } from "drizzle-orm";
import { db, type Tx } from "@/db/client";
import { memberships, users, type Role } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { Invalid, NotFound } from "@/lib/errors";
import { assertRole, type OrgContext } from "@/lib/tenancy/context";
import { tenantWhere } from "@/lib/tenancy/scope";
import { leavesNoOwner } from "./roles";

export type Member = { membershipId: string; userId: string; name: string | null; email: string; role: Role; joinedAt: Date };

export const LAST_OWNER = "An organization needs at least one owner. Make another member an owner first.";

export function listMembers(ctx: OrgContext): Promise<Member[]> {
  return db
    .select({ membershipId: memberships.id, userId: users.id, name: users.name, email: users.email, role: memberships.role, joinedAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(tenantWhere(ctx, memberships))
    .orderBy(asc(memberships.createdAt));
}

// Locks the organization's memberships so two concurrent demotions cannot both pass the last-owner check.
async function lockMemberships(tx: Tx, ctx: OrgContext, membershipId: string) {
  const all = await tx.select().from(memberships).where(tenantWhere(ctx, memberships)).for("update");
  const target = all.find((m) => m.id === membershipId);
  if (!target) throw new NotFound("That member is not part of this organization.");
  return { target, ownerCount: all.filter((m) => m.role === "owner").length };
}

export async function changeMemberRole(ctx: OrgContext, membershipId: string, role: Role): Promise<void> {
  assertRole(ctx, "owner");
  await db.transaction(async (tx) => {
    const { target, ownerCount } = await lockMemberships(tx, ctx, membershipId);
    if (target.role === role) return;
    if (leavesNoOwner(ownerCount, target.role, role)) throw new Invalid(LAST_OWNER);
    await tx.update(memberships).set({ role }).where(and(eq(memberships.id, membershipId), tenantWhere(ctx, memberships)));
    await recordAudit(tx, { orgId: ctx.orgId, actor: { type: "user", userId: ctx.userId }, action: "member.role_changed", target: { type: "user", id: target.userId }, before: { role: target.role }, after: { role } });
  });
}

export async function removeMember(ctx: OrgContext, membershipId: string): Promise<void> {
  assertRole(ctx, "owner");
  await db.transaction(async (tx) => {
    const { target, ownerCount } = await lockMemberships(tx, ctx, membershipId);
    if (leavesNoOwner(ownerCount, target.role, null)) throw new Invalid(LAST_OWNER);
    await tx.delete(memberships).where(and(eq(memberships.id, membershipId), tenantWhere(ctx, memberships)));
    await recordAudit(tx, { orgId: ctx.orgId, actor: { type: "user", userId: ctx.userId }, action: "member.removed", target: { type: "user", id: target.userId }, before: { role: target.role } });
  });
}
