import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { migrateDb } from "@/db/migrate";
import { auditEvents, emailOutbox, invitations, memberships, users } from "@/db/schema";
import { registerAccount } from "@/lib/auth/sign-up";
import { acceptInvitation, findInvitation, inviteMember, revokeInvitation } from "@/lib/orgs/invitations";
import { changeMemberRole, listMembers, removeMember } from "@/lib/orgs/members";
import type { OrgContext } from "@/lib/tenancy";
import { resolveOrgContext } from "@/lib/tenancy";
import { newSeller, TEST_PASSWORD, uniqueEmail } from "./helpers";

async function ownerCtx() {
  const { user, org } = await newSeller("owner");
  const ctx: OrgContext = { orgId: org.id, userId: user.id, role: "owner" };
  return { ctx, user, org };
}

/** The token from the invitation email in the outbox (the dev mailbox). */
async function invitationToken(email: string): Promise<string> {
  const rows = await db.select().from(emailOutbox).where(and(eq(emailOutbox.to, email), eq(emailOutbox.template, "invitation")));
  const text = rows.at(-1)?.text ?? "";
  const token = text.match(/\/invite\/([A-Za-z0-9_-]+)/)?.[1];
  if (!token) throw new Error(`no invitation email for ${email}`);
  return token;
}

describe("members and invitations", () => {
  beforeAll(() => migrateDb());

  it("an invitee signs up, accepts the emailed link and joins with the invited role", async () => {
    const { ctx, org } = await ownerCtx();
    const email = uniqueEmail("invitee");
    await inviteMember(ctx, { email, role: "manager" });
    const [mail] = await db.select().from(emailOutbox).where(eq(emailOutbox.to, email));
    expect(mail.subject).toContain(org.name);
    expect(mail.status).toBe("sent"); // dev mailbox delivery when SMTP_URL is unset
    const token = await invitationToken(email);
    expect(await findInvitation(token)).toMatchObject({ orgName: org.name, role: "manager", status: "pending" });

    const { user, org: ownOrg } = await registerAccount({ name: "Invitee", email, password: TEST_PASSWORD });
    expect(ownOrg).toBeNull();
    await acceptInvitation(token, user.id);
    const r = await resolveOrgContext(user.id);
    expect(r).toMatchObject({ kind: "ok", ctx: { orgId: org.id, role: "manager" } });
    expect((await listMembers(ctx)).map((m) => m.email)).toContain(email);
    await expect(acceptInvitation(token, user.id)).rejects.toThrow(/already used/);
    const joined = await db.select().from(auditEvents).where(and(eq(auditEvents.orgId, org.id), eq(auditEvents.action, "member.joined")));
    expect(joined).toHaveLength(1);
  });

  it("refuses expired, revoked and wrong-account invitations with a clear message", async () => {
    const { ctx } = await ownerCtx();
    const expiredEmail = uniqueEmail("late");
    await inviteMember(ctx, { email: expiredEmail, role: "viewer" });
    const expiredToken = await invitationToken(expiredEmail);
    await db.update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitations.email, expiredEmail));
    const late = await newSeller("late-user");
    await db.update(users).set({ email: expiredEmail }).where(eq(users.id, late.user.id));
    await expect(acceptInvitation(expiredToken, late.user.id)).rejects.toThrow(/expired/);

    const revokedEmail = uniqueEmail("revoked");
    const { id } = await inviteMember(ctx, { email: revokedEmail, role: "viewer" });
    const revokedToken = await invitationToken(revokedEmail);
    await revokeInvitation(ctx, id);
    expect((await findInvitation(revokedToken))?.status).toBe("revoked");
    await expect(acceptInvitation(revokedToken, late.user.id)).rejects.toThrow(/withdrawn/);

    const otherEmail = uniqueEmail("meant");
    await inviteMember(ctx, { email: otherEmail, role: "viewer" });
    await expect(acceptInvitation(await invitationToken(otherEmail), late.user.id)).rejects.toThrow(`sent to ${otherEmail}`);
    await expect(acceptInvitation("not-a-real-token", late.user.id)).rejects.toThrow(/not valid/);
  });

  it("only owners invite, change roles or remove members", async () => {
    const { ctx } = await ownerCtx();
    const manager = await newSeller("mgr");
    await db.insert(memberships).values({ orgId: ctx.orgId, userId: manager.user.id, role: "manager" });
    const asManager: OrgContext = { orgId: ctx.orgId, userId: manager.user.id, role: "manager" };
    await expect(inviteMember(asManager, { email: uniqueEmail(), role: "viewer" })).rejects.toThrow(/Only owners/);
    const [ownerRow] = await db.select().from(memberships).where(and(eq(memberships.orgId, ctx.orgId), eq(memberships.userId, ctx.userId)));
    await expect(changeMemberRole(asManager, ownerRow.id, "viewer")).rejects.toThrow(/Only owners/);
    await expect(removeMember(asManager, ownerRow.id)).rejects.toThrow(/Only owners/);
  });

  it("never demotes or removes the last owner, but allows it once there is another", async () => {
    const { ctx } = await ownerCtx();
    const [ownerRow] = await db.select().from(memberships).where(and(eq(memberships.orgId, ctx.orgId), eq(memberships.userId, ctx.userId)));
    await expect(changeMemberRole(ctx, ownerRow.id, "manager")).rejects.toThrow(/at least one owner/);
    await expect(removeMember(ctx, ownerRow.id)).rejects.toThrow(/at least one owner/);

    const second = await newSeller("second");
    const [secondRow] = await db.insert(memberships).values({ orgId: ctx.orgId, userId: second.user.id, role: "viewer" }).returning();
    await changeMemberRole(ctx, secondRow.id, "owner");
    await changeMemberRole(ctx, ownerRow.id, "manager");
    const roles = Object.fromEntries((await listMembers(ctx)).map((m) => [m.userId, m.role]));
    expect(roles).toEqual({ [ctx.userId]: "manager", [second.user.id]: "owner" });
    const changes = await db.select().from(auditEvents).where(and(eq(auditEvents.orgId, ctx.orgId), eq(auditEvents.action, "member.role_changed")));
    expect(changes).toHaveLength(2);
  });

  it("cannot touch a membership of another organization", async () => {
    const a = await ownerCtx();
    const b = await ownerCtx();
    const [bOwner] = await db.select().from(memberships).where(eq(memberships.orgId, b.org.id));
    await expect(removeMember(a.ctx, bOwner.id)).rejects.toThrow(/not part of this organization/);
    await expect(changeMemberRole(a.ctx, bOwner.id, "viewer")).rejects.toThrow(/not part of this organization/);
  });
});
