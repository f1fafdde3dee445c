import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { migrateDb } from "@/db/migrate";
import { auditEvents, emailOutbox, loginAttempts, organizations, users } from "@/db/schema";
import { authenticateWithPassword, INVALID_CREDENTIALS } from "@/lib/auth/authenticate";
import { createOrganizationForUser } from "@/lib/orgs/organizations";
import { newSeller, TEST_PASSWORD, uniqueEmail } from "./helpers";

// Each test its own addresses: the per-address limit counts across accounts (and across runs on a shared PostgreSQL).
const uniqueIp = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

describe("sign-in", () => {
  beforeAll(() => migrateDb());

  it("accepts the right password and refuses a wrong one with a generic message", async () => {
    const { user } = await newSeller();
    expect(await authenticateWithPassword({ email: user.email, password: TEST_PASSWORD })).toMatchObject({ ok: true, user: { id: user.id } });
    expect(await authenticateWithPassword({ email: user.email, password: "wrong password!" })).toEqual({ ok: false, code: "invalid", message: INVALID_CREDENTIALS });
    const failures = await db.select().from(auditEvents).where(eq(auditEvents.targetId, user.email));
    expect(failures.map((f) => f.action)).toContain("auth.sign_in_failed");
  });

  it("answers an unknown email exactly like a wrong password", async () => {
    expect(await authenticateWithPassword({ email: uniqueEmail("ghost"), password: TEST_PASSWORD })).toEqual({ ok: false, code: "invalid", message: INVALID_CREDENTIALS });
  });

  it("makes an account wait after 5 failed attempts in 15 minutes, even with the right password", async () => {
    const { user } = await newSeller("throttled");
    const ip = uniqueIp();
    const start = new Date();
    for (let i = 0; i < 5; i++) {
      const r = await authenticateWithPassword({ email: user.email, password: `wrong-${i}-password` }, ip, new Date(start.getTime() + i * 1000));
      expect(r).toMatchObject({ ok: false, code: "invalid" });
    }
    const blocked = await authenticateWithPassword({ email: user.email, password: TEST_PASSWORD }, ip, new Date(start.getTime() + 6000));
    expect(blocked).toMatchObject({ ok: false, code: "throttled", message: expect.stringMatching(/Wait 15 minutes/) });
    // Once the first failure leaves the window, the right password works again.
    const later = await authenticateWithPassword({ email: user.email, password: TEST_PASSWORD }, ip, new Date(start.getTime() + 15 * 60_000 + 500));
    expect(later.ok).toBe(true);
  });

  it("25 wrong passwords sent at once get 5 password checks, and the owner hears about it once", async () => {
    const { user } = await newSeller("parallel");
    const ip = uniqueIp();
    const results = await Promise.all(Array.from({ length: 25 }, (_, i) => authenticateWithPassword({ email: user.email, password: `wrong-${i}-password` }, ip)));
    expect(results.filter((r) => !r.ok && r.code === "invalid")).toHaveLength(5);
    expect(results.filter((r) => !r.ok && r.code === "throttled")).toHaveLength(20);
    // Every password check is recorded as an attempt first: 5 rows, not 14-20.
    expect(await db.select().from(loginAttempts).where(eq(loginAttempts.email, user.email))).toHaveLength(5);
    await expect.poll(async () => (await db.select().from(emailOutbox).where(eq(emailOutbox.to, user.email))).filter((m) => m.template === "account-locked").length).toBe(1);
    const [mail] = (await db.select().from(emailOutbox).where(eq(emailOutbox.to, user.email))).filter((m) => m.template === "account-locked");
    expect(mail.subject).toMatch(/paused/);
    expect(mail.text).toContain("/forgot-password");
  });

  it("5 guesses from one address do not lock the seller out from theirs", async () => {
    const { user } = await newSeller("lockout");
    const attacker = uniqueIp();
    for (let i = 0; i < 5; i++) await authenticateWithPassword({ email: user.email, password: `guess-${i}-password` }, attacker);
    expect(await authenticateWithPassword({ email: user.email, password: TEST_PASSWORD }, attacker)).toMatchObject({ code: "throttled" });
    expect(await authenticateWithPassword({ email: user.email, password: TEST_PASSWORD }, uniqueIp())).toMatchObject({ ok: true });
  });

  it("one address guessing across many accounts is stopped after 20 failures", async () => {
    const ip = uniqueIp();
    for (let i = 0; i < 20; i++) await authenticateWithPassword({ email: uniqueEmail(`spray${i}`), password: "whatever-password" }, ip);
    expect(await authenticateWithPassword({ email: uniqueEmail("spray-last"), password: "whatever-password" }, ip)).toMatchObject({ code: "throttled" });
  });

  it("throttles an unknown email the same way, so waiting reveals nothing", async () => {
    const email = uniqueEmail("nobody");
    for (let i = 0; i < 5; i++) await authenticateWithPassword({ email, password: "whatever-password" });
    expect(await authenticateWithPassword({ email, password: "whatever-password" })).toMatchObject({ code: "throttled" });
  });

  it("refuses a disabled account with a clear message", async () => {
    const { user } = await newSeller("disabled");
    await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, user.id));
    expect(await authenticateWithPassword({ email: user.email, password: TEST_PASSWORD })).toMatchObject({
      ok: false,
      code: "user_disabled",
      message: expect.stringContaining("This account has been disabled"),
    });
  });

  it("refuses a user whose organizations are all disabled, naming them, but not a platform admin", async () => {
    const { user, org } = await newSeller("orgoff");
    await db.update(organizations).set({ disabledAt: new Date() }).where(eq(organizations.id, org.id));
    expect(await authenticateWithPassword({ email: user.email, password: TEST_PASSWORD })).toMatchObject({
      code: "org_disabled",
      message: expect.stringContaining(org.name),
    });
    // With one organization still enabled they may sign in.
    await createOrganizationForUser(user.id, "Still open");
    expect((await authenticateWithPassword({ email: user.email, password: TEST_PASSWORD })).ok).toBe(true);

    const admin = await newSeller("admin");
    await db.update(organizations).set({ disabledAt: new Date() }).where(eq(organizations.id, admin.org.id));
    await db.update(users).set({ platformRole: "admin" }).where(eq(users.id, admin.user.id));
    expect((await authenticateWithPassword({ email: admin.user.email, password: TEST_PASSWORD })).ok).toBe(true);
  });
});
