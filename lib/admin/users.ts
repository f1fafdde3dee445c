import { and, count, desc, eq, ilike, or, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { auditEvents, memberships, organizations, users } from "@/db/schema";
import { requestPasswordReset } from "@/lib/auth/password-reset";
import { Conflict, Forbidden, NotFound } from "@/lib/errors";
import { auditAdminAction } from "./audit";
import type { AdminContext } from "./context";
import { containsPattern, offsetFor, outer, PAGE_SIZE, toPage } from "./paging";
import type { UserListQuery } from "./schemas";

// What an admin may see of a user: never the password hash.
const publicUser = {
  id: users.id,
  email: users.email,
  name: users.name,
  platformRole: users.platformRole,
  disabledAt: users.disabledAt,
  emailVerified: users.emailVerified,
  createdAt: users.createdAt,
};

export async function listUsers(q: UserListQuery) {
  const where = q.q ? or(ilike(users.email, containsPattern(q.q)), ilike(users.name, containsPattern(q.q))) : undefined;
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({ ...publicUser, organizations: sql<number>`(select count(*)::int from ${memberships} where ${memberships.userId} = ${outer(users.id)})` })
      .from(users)
      .where(where)
      .orderBy(desc(users.createdAt), desc(users.id))
      .limit(PAGE_SIZE)
      .offset(offsetFor(q.page)),
    db.select({ total: count() }).from(users).where(where),
  ]);
  return toPage(rows, total, q.page);
}

export async function getUserDetail(userId: string) {
  const [user] = await db.select(publicUser).from(users).where(eq(users.id, userId)).limit(1);
  if (!user) throw new NotFound("No user with that id.");
  const [orgs, events] = await Promise.all([
    db
      .select({ orgId: organizations.id, name: organizations.name, slug: organizations.slug, role: memberships.role, orgDisabledAt: organizations.disabledAt, joinedAt: memberships.createdAt })
      .from(memberships)
      .innerJoin(organizations, eq(organizations.id, memberships.orgId))
      .where(eq(memberships.userId, userId))
      .orderBy(memberships.createdAt),
    db
      .select({ id: auditEvents.id, action: auditEvents.action, actorType: auditEvents.actorType, actorUserId: auditEvents.actorUserId, ip: auditEvents.ip, at: auditEvents.at })
      .from(auditEvents)
      .where(or(eq(auditEvents.actorUserId, userId), and(eq(auditEvents.targetType, "user"), eq(auditEvents.targetId, userId))))
      .orderBy(desc(auditEvents.at))
      .limit(20),
  ]);
  return { user, memberships: orgs, events };
}

type UserChange = {
  action: "user.disabled" | "user.enabled" | "user.admin_granted" | "user.admin_revoked";
  /** What the row must look like for the change to make sense, and the message when it does not. */
  guard: (u: typeof users.$inferSelect) => string | null;
  set: Partial<typeof users.$inferInsert>;
};

// One path for every change an admin makes to a user: never to themselves, row locked,
// audited with before/after in the same transaction.
async function changeUser(admin: AdminContext, userId: string, change: UserChange) {
  if (userId === admin.userId) throw new Forbidden("You cannot change your own account here. Ask another admin.");
  return db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, userId)).for("update");
    if (!user) throw new NotFound("No user with that id.");
    const problem = change.guard(user);
    if (problem) throw new Conflict(problem);
    const [updated] = await tx.update(users).set(change.set).where(eq(users.id, userId)).returning();
    await auditAdminAction(tx, admin, {
      action: change.action,
      targetType: "user",
      targetId: userId,
      before: { platformRole: user.platformRole, disabledAt: user.disabledAt },
      after: { platformRole: updated.platformRole, disabledAt: updated.disabledAt },
    });
    return { id: updated.id, email: updated.email, platformRole: updated.platformRole, disabledAt: updated.disabledAt };
  });
}

export function disableUser(admin: AdminContext, input: { userId: string }) {
  return changeUser(admin, input.userId, {
    action: "user.disabled",
    guard: (u) => (u.disabledAt ? "This user is already disabled." : null),
    set: { disabledAt: new Date() },
  });
}

export function enableUser(admin: AdminContext, input: { userId: string }) {
  return changeUser(admin, input.userId, {
    action: "user.enabled",
    guard: (u) => (u.disabledAt ? null : "This user is not disabled."),
    set: { disabledAt: null },
  });
}

export function grantPlatformAdmin(admin: AdminContext, input: { userId: string }) {
  return changeUser(admin, input.userId, {
    action: "user.admin_granted",
    guard: (u) => (u.platformRole === "admin" ? "This user is already a platform admin." : null),
    set: { platformRole: "admin" },
  });
}

export function revokePlatformAdmin(admin: AdminContext, input: { userId: string }) {
  return changeUser(admin, input.userId, {
    action: "user.admin_revoked",
    guard: (u) => (u.platformRole === "admin" ? null : "This user is not a platform admin."),
    set: { platformRole: null },
  });
}

/**
 * Emails the user a reset link through the same flow as "Forgot your password?". The admin
 * audit row is written once the link is queued.
 */
export async function sendPasswordReset(admin: AdminContext, input: { userId: string }) {
  const [user] = await db.select({ id: users.id, email: users.email, disabledAt: users.disabledAt }).from(users).where(eq(users.id, input.userId));
  if (!user) throw new NotFound("No user with that id.");
  if (user.disabledAt) throw new Conflict("This user is disabled: enable the account before sending a reset link.");
  await requestPasswordReset(user.email, admin.ip);
  await auditAdminAction(db, admin, { action: "user.password_reset_sent", targetType: "user", targetId: user.id, after: { to: user.email } });
  return { message: `A reset link is on its way to ${user.email}.` };
}
