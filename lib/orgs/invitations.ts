import { and, desc, eq, gt, isNull } from "drizzle-orm";
import { db } from "@/db/client";
import { invitations, memberships, organizations, users, type Role } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { hashLinkToken, newLinkToken } from "@/lib/auth/tokens";
import { deliverPendingEmails, enqueueEmail } from "@/lib/email";
import { env } from "@/lib/env";
import { Conflict, Invalid, NotFound } from "@/lib/errors";
import { assertRole, type OrgContext } from "@/lib/tenancy/context";
import { tenantWhere } from "@/lib/tenancy/scope";

export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export type InvitationStatus = "pending" | "accepted" | "revoked" | "expired";
export type InvitationView = { id: string; orgId: string; orgName: string; email: string; role: Role; status: InvitationStatus; expiresAt: Date };

export function invitationStatus(inv: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now = new Date()): InvitationStatus {
  if (inv.acceptedAt) return "accepted";
  if (inv.revokedAt) return "revoked";
  if (inv.expiresAt.getTime() <= now.getTime()) return "expired";
  return "pending";
}

export const INVITATION_PROBLEMS: Record<Exclude<InvitationStatus, "pending">, string> = {
  accepted: "This invitation was already used. Sign in to open the organization, or ask an owner for a new invitation.",
  revoked: "This invitation was withdrawn by an owner of the organization. Ask them for a new one if you still need access.",
  expired: "This invitation has expired (invitations last 7 days). Ask an owner of the organization to invite you again.",
};

/** Owners invite by email; a previous pending invitation for the same address is replaced. */
export async function inviteMember(ctx: OrgContext, input: { email: string; role: Role }): Promise<{ id: string }> {
  assertRole(ctx, "owner");
  const { token, hash } = newLinkToken();
  const created = await db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(tenantWhere(ctx, memberships), eq(users.email, input.email)));
    if (existing) throw new Conflict("This person is already a member of the organization.", { email: "This person is already a member." });
    await tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(and(tenantWhere(ctx, invitations), eq(invitations.email, input.email), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)));
    const [org] = await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, ctx.orgId));
    const [inviter] = await tx.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, ctx.userId));
    const [inv] = await tx
      .insert(invitations)
      .values({ orgId: ctx.orgId, email: input.email, role: input.role, tokenHash: hash, invitedBy: ctx.userId, expiresAt: new Date(Date.now() + INVITE_TTL_MS) })
      .returning({ id: invitations.id });
    const emailId = await enqueueEmail(tx, {
      orgId: ctx.orgId,
      to: input.email,
      template: "invitation",
      props: { orgName: org.name, inviterName: inviter?.name ?? inviter?.email ?? null, role: input.role, url: `${env().APP_URL}/invite/${token}` },
    });
    await recordAudit(tx, { orgId: ctx.orgId, actor: { type: "user", userId: ctx.userId }, action: "member.invited", target: { type: "invitation", id: inv.id }, after: { email: input.email, role: input.role } });
    return { id: inv.id, emailId };
  });
  await deliverPendingEmails({ ids: created.emailId ? [created.emailId] : [] });
  return { id: created.id };
}

export function listPendingInvitations(ctx: OrgContext) {
  return db
    .select({ id: invitations.id, email: invitations.email, role: invitations.role, expiresAt: invitations.expiresAt, createdAt: invitations.createdAt })
    .from(invitations)
    .where(and(tenantWhere(ctx, invitations), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, new Date())))
    .orderBy(desc(invitations.createdAt));
}

export async function revokeInvitation(ctx: OrgContext, invitationId: string): Promise<void> {
  assertRole(ctx, "owner");
  const rows = await db
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(and(tenantWhere(ctx, invitations), eq(invitations.id, invitationId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .returning({ id: invitations.id });
  if (rows.length === 0) throw new NotFound("That invitation is no longer pending.");
}

/** What an invitation link points at, or null for a token that never existed. */
export async function findInvitation(token: string): Promise<InvitationView | null> {
  const [row] = await db
    .select({ inv: invitations, orgName: organizations.name })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.orgId))
    .where(eq(invitations.tokenHash, hashLinkToken(token)));
  if (!row) return null;
  const { inv } = row;
  return { id: inv.id, orgId: inv.orgId, orgName: row.orgName, email: inv.email, role: inv.role, status: invitationStatus(inv), expiresAt: inv.expiresAt };
}

/** The signed-in user joins with the invited role; the organization becomes their current one. */
export async function acceptInvitation(token: string, userId: string): Promise<{ orgId: string }> {
  return db.transaction(async (tx) => {
    const [inv] = await tx.select().from(invitations).where(eq(invitations.tokenHash, hashLinkToken(token))).for("update");
    if (!inv) throw new NotFound("This invitation link is not valid. Check that you copied the whole link.");
    const status = invitationStatus(inv);
    if (status !== "pending") throw new Invalid(INVITATION_PROBLEMS[status]);
    const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, userId));
    if (!user) throw new NotFound("Sign in again.");
    if (user.email.toLowerCase() !== inv.email.toLowerCase()) {
      throw new Invalid(`This invitation was sent to ${inv.email}. Sign out and sign in (or sign up) with that email to accept it.`);
    }
    await tx.insert(memberships).values({ orgId: inv.orgId, userId, role: inv.role }).onConflictDoNothing();
    await tx.update(invitations).set({ acceptedAt: new Date() }).where(eq(invitations.id, inv.id));
    await tx.update(users).set({ currentOrgId: inv.orgId }).where(eq(users.id, userId));
    await recordAudit(tx, { orgId: inv.orgId, actor: { type: "user", userId }, action: "member.joined", target: { type: "invitation", id: inv.id }, after: { role: inv.role } });
    return { orgId: inv.orgId };
  });
}
