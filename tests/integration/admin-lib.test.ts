import { and, eq } from "drizzle-orm";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { migrateDb } from "@/db/migrate";
import { apiCallCounts, auditEvents, emailOutbox, marketplaceConnections, orders, organizations, products, users } from "@/db/schema";
import { syncAdminEmails } from "@/lib/admin/admin-emails";
import { exportAuditEventsCsv, listAuditEvents } from "@/lib/admin/audit-log";
import { loadActiveAdmin } from "@/lib/admin/context";
import { disableOrganization, enableOrganization, getOrganizationDetail, listOrganizations, triggerConnectionSync } from "@/lib/admin/organizations";
import { listOutbox, retryEmails } from "@/lib/admin/outbox";
import { getOverview } from "@/lib/admin/overview";
import { auditListQuery, orgListQuery, outboxListQuery, syncRunListQuery, userListQuery } from "@/lib/admin/schemas";
import { getSyncRun, listSyncRuns } from "@/lib/admin/sync-runs";
import { deliverPendingEmails, enqueueEmail, MAX_ATTEMPTS } from "@/lib/email";
import { disableUser, enableUser, getUserDetail, grantPlatformAdmin, listUsers, revokePlatformAdmin, sendPasswordReset } from "@/lib/admin/users";
import { utcDay } from "@/lib/admin/metrics";
import { makeAdmin, makeConnection, makeOrg, makeRun, makeUser, uniq } from "./admin-fixtures";

beforeAll(async () => {
  await migrateDb();
});

async function auditFor(targetId: string) {
  return db.select().from(auditEvents).where(eq(auditEvents.targetId, targetId)).orderBy(auditEvents.at);
}

describe("admin: organizations", () => {
  it("disabling an organization keeps its data, records why, and is audited with before/after and IP", async () => {
    const admin = await makeAdmin();
    const owner = await makeUser();
    const org = await makeOrg({ owner: owner.id });
    await db.insert(products).values({ orgId: org.id, sku: "MUG-1", title: "Mug" });

    await disableOrganization(admin, { orgId: org.id, reason: "Chargeback fraud under review" });

    const [row] = await db.select().from(organizations).where(eq(organizations.id, org.id));
    expect(row.disabledAt).toBeInstanceOf(Date);
    expect(row.disabledReason).toBe("Chargeback fraud under review");
    expect(await db.select().from(products).where(eq(products.orgId, org.id))).toHaveLength(1);
    const [event] = await auditFor(org.id);
    expect(event).toMatchObject({ action: "org.disabled", actorType: "admin", actorUserId: admin.userId, orgId: org.id, targetType: "organization", ip: "203.0.113.7" });
    expect(event.before).toMatchObject({ disabledAt: null });
    expect(event.after).toMatchObject({ disabledReason: "Chargeback fraud under review" });

    await expect(disableOrganization(admin, { orgId: org.id, reason: "again" })).rejects.toThrow(/already disabled/);
    await enableOrganization(admin, { orgId: org.id });
    const [back] = await db.select().from(organizations).where(eq(organizations.id, org.id));
    expect(back.disabledAt).toBeNull();
    expect(back.disabledReason).toBeNull();
    expect((await auditFor(org.id)).map((e) => e.action)).toEqual(["org.disabled", "org.enabled"]);
  });

  it("a sync cannot be triggered for a disabled organization's shop or a shop that needs reconnecting", async () => {
    const admin = await makeAdmin();
    const org = await makeOrg();
    const conn = await makeConnection(org.id);
    await triggerConnectionSync(admin, { connectionId: conn.id });
    expect((await auditFor(conn.id)).map((e) => e.action)).toEqual(["sync.triggered"]);

    await disableOrganization(admin, { orgId: org.id, reason: "Unpaid invoices" });
    await expect(triggerConnectionSync(admin, { connectionId: conn.id })).rejects.toThrow(/enable it/);
    expect(await auditFor(conn.id)).toHaveLength(1);

    const broken = await makeConnection((await makeOrg()).id);
    await db.update(marketplaceConnections).set({ status: "needs_reconnect" }).where(eq(marketplaceConnections.id, broken.id));
    await expect(triggerConnectionSync(admin, { connectionId: broken.id })).rejects.toThrow(/must reconnect/);
  });

  it("the list finds organizations by name or member email and counts members, connections, products and orders", async () => {
    const tag = uniq();
    const owner = await makeUser({ email: `owner-${tag}@admin-test.local` });
    const org = await makeOrg({ name: `Pottery ${tag}`, owner: owner.id });
    const other = await makeUser();
    await db.insert(products).values([
      { orgId: org.id, sku: "A", title: "A" },
      { orgId: org.id, sku: "B", title: "B" },
    ]);
    const conn = await makeConnection(org.id);
    await db.insert(orders).values({ orgId: org.id, connectionId: conn.id, externalId: "1", orderNumber: "1", status: "paid", placedAt: new Date(), externalUpdatedAt: new Date(), currency: "USD", totalMinor: 100 });
    await makeOrg({ name: `Other ${tag}`, owner: other.id });

    const byName = await listOrganizations(orgListQuery.parse({ q: `pottery ${tag}` }));
    expect(byName.total).toBe(1);
    expect(byName.rows[0]).toMatchObject({ id: org.id, members: 1, connections: 1, products: 2, orders: 1, disabledAt: null });
    expect(byName.rows[0].lastActivityAt).toBeNull();

    const byEmail = await listOrganizations(orgListQuery.parse({ q: `owner-${tag}` }));
    expect(byEmail.rows.map((r) => r.id)).toEqual([org.id]);

    const both = await listOrganizations(orgListQuery.parse({ q: tag }));
    expect(both.total).toBe(2);
    const admin = await makeAdmin();
    await disableOrganization(admin, { orgId: org.id, reason: "Testing filters" });
    const disabled = await listOrganizations(orgListQuery.parse({ q: tag, status: "disabled" }));
    expect(disabled.rows.map((r) => r.id)).toEqual([org.id]);
    expect(disabled.rows[0].lastActivityAt).toBeInstanceOf(Date);
  });

  it("a search with LIKE wildcards matches them literally", async () => {
    const tag = uniq();
    await makeOrg({ name: `100% wool ${tag}` });
    await makeOrg({ name: `100 wool ${tag}` });
    const res = await listOrganizations(orgListQuery.parse({ q: `100% wool ${tag}` }));
    expect(res.rows.map((r) => r.name)).toEqual([`100% wool ${tag}`]);
  });

  it("the detail shows members and connections but never a token", async () => {
    const owner = await makeUser();
    const org = await makeOrg({ owner: owner.id });
    const conn = await makeConnection(org.id);
    await makeRun(conn);
    const detail = await getOrganizationDetail(org.id);
    expect(detail.members.map((m) => m.email)).toEqual([owner.email]);
    expect(detail.connections.map((c) => c.id)).toEqual([conn.id]);
    expect(detail.runs).toHaveLength(1);
    expect(JSON.stringify(detail)).not.toContain("sealed-secret");
  });
});

describe("admin: users", () => {
  it("grants and revokes platform admin, audited, but never on yourself", async () => {
    const admin = await makeAdmin();
    const user = await makeUser();
    await grantPlatformAdmin(admin, { userId: user.id });
    expect(await loadActiveAdmin(user.id)).toMatchObject({ userId: user.id });
    await expect(grantPlatformAdmin(admin, { userId: user.id })).rejects.toThrow(/already/);
    await revokePlatformAdmin(admin, { userId: user.id });
    // A session issued while they were admin stops working at once: the role is read from the database.
    expect(await loadActiveAdmin(user.id)).toBeNull();

    const events = await auditFor(user.id);
    expect(events.map((e) => e.action)).toEqual(["user.admin_granted", "user.admin_revoked"]);
    expect(events[1].before).toMatchObject({ platformRole: "admin" });
    expect(events[1].after).toMatchObject({ platformRole: null });

    await expect(revokePlatformAdmin(admin, { userId: admin.userId })).rejects.toThrow(/your own/);
    await expect(disableUser(admin, { userId: admin.userId })).rejects.toThrow(/your own/);
    expect(await loadActiveAdmin(admin.userId)).not.toBeNull();
  });

  it("a disabled admin is no longer an admin until enabled again", async () => {
    const admin = await makeAdmin();
    const other = await makeUser({ admin: true });
    await disableUser(admin, { userId: other.id });
    expect(await loadActiveAdmin(other.id)).toBeNull();
    await enableUser(admin, { userId: other.id });
    expect(await loadActiveAdmin(other.id)).not.toBeNull();
    expect((await auditFor(other.id)).map((e) => e.action)).toEqual(["user.disabled", "user.enabled"]);
  });

  it("finds users by email and shows their memberships without the password hash", async () => {
    const tag = uniq();
    const u = await makeUser({ email: `Findme-${tag}@admin-test.local` });
    await db.update(users).set({ passwordHash: "argon2-hash-secret" }).where(eq(users.id, u.id));
    const org = await makeOrg({ owner: u.id, role: "manager" });
    const found = await listUsers(userListQuery.parse({ q: `findme-${tag}` }));
    expect(found.rows.map((r) => r.id)).toEqual([u.id]);
    expect(found.rows[0].organizations).toBe(1);
    const detail = await getUserDetail(u.id);
    expect(detail.memberships).toMatchObject([{ orgId: org.id, role: "manager" }]);
    expect(JSON.stringify(detail)).not.toContain("argon2-hash-secret");
  });

  it("sends a password reset link through the seller's own reset flow, audited as the admin", async () => {
    const admin = await makeAdmin();
    const user = await makeUser();
    const res = await sendPasswordReset(admin, { userId: user.id });
    expect(res.message).toContain(user.email);
    const mails = await db.select().from(emailOutbox).where(eq(emailOutbox.to, user.email));
    expect(mails.map((m) => m.template)).toEqual(["password-reset"]);
    expect(mails[0].text).toMatch(/\/reset-password\//);
    const events = await auditFor(user.id);
    expect(events.find((e) => e.actorType === "admin")).toMatchObject({ action: "user.password_reset_sent", actorUserId: admin.userId, ip: "203.0.113.7" });

    const disabled = await makeUser({ disabled: true });
    await expect(sendPasswordReset(admin, { userId: disabled.id })).rejects.toThrow(/enable the account/);
  });

  it("ADMIN_EMAILS makes existing verified users admins at start-up, whatever the case", async () => {
    const u = await makeUser({ email: `boss-${uniq()}@admin-test.local` });
    const unverified = await makeUser({ email: `claimed-${uniq()}@admin-test.local` });
    await db.update(users).set({ emailVerified: new Date() }).where(eq(users.id, u.id));
    const granted = await syncAdminEmails([u.email.toUpperCase(), unverified.email, "nobody@nowhere.test"]);
    expect(granted).toEqual([u.email]);
    expect(await loadActiveAdmin(u.id)).not.toBeNull();
    expect(await syncAdminEmails([u.email])).toEqual([]);
    const [event] = await auditFor(u.id);
    expect(event).toMatchObject({ action: "user.admin_granted", actorType: "system" });
  });
});

describe("admin: sync runs", () => {
  it("lists failures across tenants filtered by marketplace, kind and error class", async () => {
    const a = await makeConnection((await makeOrg()).id, "etsy");
    const b = await makeConnection((await makeOrg()).id, "ebay");
    const errorClass = `Err${uniq()}`;
    const r1 = await makeRun(a, { errorClass });
    const r2 = await makeRun(b, { errorClass, kind: "listings" });
    await makeRun(b, { errorClass, status: "succeeded" });

    const all = await listSyncRuns(syncRunListQuery.parse({ errorClass }));
    expect(all.rows.map((r) => r.id).sort()).toEqual([r1.id, r2.id].sort());
    expect((await listSyncRuns(syncRunListQuery.parse({ errorClass, marketplace: "ebay" }))).rows.map((r) => r.id)).toEqual([r2.id]);
    expect((await listSyncRuns(syncRunListQuery.parse({ errorClass, kind: "orders" }))).rows.map((r) => r.id)).toEqual([r1.id]);
    expect((await listSyncRuns(syncRunListQuery.parse({ errorClass, status: "all" }))).total).toBe(3);
    expect((await listSyncRuns(syncRunListQuery.parse({ errorClass, from: new Date(Date.now() + 60_000).toISOString() }))).total).toBe(0);
    expect(await getSyncRun(r1.id)).toMatchObject({ error: "429 from Etsy", marketplace: "etsy" });
  });
});

describe("admin: email outbox", () => {
  it("retrying puts failed messages back in the queue with a fresh budget and leaves sent ones alone", async () => {
    const admin = await makeAdmin();
    const to = `buyer-${uniq()}@admin-test.local`;
    const [failed, sent] = await db
      .insert(emailOutbox)
      .values([
        { to, template: "low-stock", subject: "Low stock", status: "failed", attempts: 5, lastError: "ECONNREFUSED", nextAttemptAt: new Date(Date.now() + 86_400_000) },
        { to, template: "low-stock", subject: "Low stock", status: "sent", attempts: 1, sentAt: new Date() },
      ])
      .returning();
    expect((await listOutbox(outboxListQuery.parse({ q: to }))).rows.map((r) => r.id)).toEqual([failed.id]);

    const res = await retryEmails(admin, { emailIds: [failed.id, sent.id] });
    expect(res).toEqual({ retried: 1, skipped: 1 });
    const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, failed.id));
    expect(row).toMatchObject({ status: "pending", attempts: 0 });
    expect(row.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now());
    const [untouched] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, sent.id));
    expect(untouched.status).toBe("sent");
    const [event] = await auditFor(failed.id);
    expect(event).toMatchObject({ action: "email.retried", before: { status: "failed", attempts: 5, lastError: "ECONNREFUSED" } });
    expect(await auditFor(sent.id)).toHaveLength(0);
  });
  it("a retried email that had used up its attempts goes out on the next delivery pass", async () => {
    const admin = await makeAdmin();
    const id = await enqueueEmail(db, { to: `invitee-${uniq()}@admin-test.local`, template: "invitation", props: { orgName: "Pottery", inviterName: null, role: "viewer", url: "http://localhost/x" } });
    if (!id) throw new Error("enqueue returned no id");
    await db.update(emailOutbox).set({ status: "failed", attempts: MAX_ATTEMPTS, lastError: "SMTP down" }).where(eq(emailOutbox.id, id));
    await deliverPendingEmails({ limit: 1000 });
    expect((await db.select().from(emailOutbox).where(eq(emailOutbox.id, id)))[0].status).toBe("failed");

    await retryEmails(admin, { emailIds: [id] });
    await deliverPendingEmails({ limit: 1000 });
    const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
    expect(row).toMatchObject({ status: "sent", attempts: 1, lastError: null });
  });
});

describe("admin: audit log", () => {
  it("filters by organization, actor and action, and exports CSV with before/after", async () => {
    const admin = await makeAdmin();
    const org = await makeOrg();
    await disableOrganization(admin, { orgId: org.id, reason: "=cmd|' /C calc'!A0" });
    await enableOrganization(admin, { orgId: org.id });

    const byOrg = await listAuditEvents(auditListQuery.parse({ orgId: org.id }));
    expect(byOrg.rows.map((r) => r.action)).toEqual(["org.enabled", "org.disabled"]);
    expect(byOrg.rows[0]).toMatchObject({ actorEmail: admin.email, orgName: org.name });
    const byActor = await listAuditEvents(auditListQuery.parse({ actor: admin.email, action: "org.disabled" }));
    expect(byActor.rows.map((r) => r.targetId)).toEqual([org.id]);

    const csv = await exportAuditEventsCsv(auditListQuery.parse({ orgId: org.id }));
    const parsed = Papa.parse<Record<string, string>>(csv, { header: true });
    expect(parsed.data.map((r) => r.action)).toEqual(["org.enabled", "org.disabled"]);
    expect(parsed.data[1].actor_email).toBe(admin.email);
    expect(parsed.data[1].ip).toBe("203.0.113.7");
    // The reason came from a person: a spreadsheet must not run it as a formula.
    expect(JSON.parse(parsed.data[1].after.replace(/^'/, ""))).toMatchObject({ disabledReason: "=cmd|' /C calc'!A0" });
    expect(csv).not.toContain(',"=cmd');
  });
});

describe("admin: overview", () => {
  it("shows today's API calls per app key against its daily limit and today's orders", async () => {
    const key = `etsy:test-${uniq()}`;
    await db.insert(apiCallCounts).values({ appKey: key, day: utcDay(new Date()), calls: 2500 });
    const before = await getOverview();
    const conn = await makeConnection((await makeOrg()).id);
    await db.insert(orders).values({ orgId: conn.orgId, connectionId: conn.id, externalId: "x", orderNumber: "x", status: "paid", placedAt: new Date(), externalUpdatedAt: new Date(), currency: "USD", totalMinor: 1 });
    const after = await getOverview();
    expect(after.apiUsage.find((u) => u.appKey === key)).toMatchObject({ calls: 2500, limit: 10_000, used: 0.25 });
    expect(after.ordersToday).toBeGreaterThanOrEqual(before.ordersToday + 1);
    expect(after.organizations.total).toBeGreaterThanOrEqual(before.organizations.total + 1);
  });

  it("counts the most failing connections over the week", async () => {
    const conn = await makeConnection((await makeOrg()).id);
    for (let i = 0; i < 50; i++) await makeRun(conn);
    const o = await getOverview();
    expect(o.failing.find((c) => c.connectionId === conn.id)).toMatchObject({ failed: 50, runs: 50 });
    expect(o.syncSuccess.day.failed).toBeGreaterThanOrEqual(50);
    await db.delete(organizations).where(and(eq(organizations.id, conn.orgId)));
  });
});
