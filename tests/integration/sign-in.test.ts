import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { migrateDb } from "@/db/migrate";
import { auditEvents, organizations, users } from "@/db/schema";
import { authenticateWithPassword, INVALID_CREDENTIALS } from "@/lib/auth/authenticate";
import { createOrganizationForUser } from "@/lib/orgs/organizations";
import { newSeller, TEST_PASSWORD, uniqueEmail } from "./helpers";

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
    const start = new Date();
    for (let i = 0; i < 5; i++) {
      const r = await authenticateWithPassword({ email: user.email, password: `wrong-${i}-password` }, "10.0.0.1", new Date(start.getTime() + i * 1000));
      expect(r).toMatchObject({ ok: false, code: "invalid" });
    }
    const blocked = await authenticateWithPassword({ email: user.email, password: TEST_PASSWORD }, "10.0.0.1", new Date(start.getTime() + 6000));
    expect(blocked).toMatchObject({ ok: false, code: "throttled", message: expect.stringMatching(/Wait 15 minutes/) });
    // Once the first failure leaves the window, the right password works again.
    const later = await authenticateWithPassword({ email: user.email, password: TEST_PASSWORD }, "10.0.0.1", new Date(start.getTime() + 15 * 60_000 + 500));
    expect(later.ok).toBe(true);
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
