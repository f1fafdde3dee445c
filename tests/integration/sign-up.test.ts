import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { migrateDb } from "@/db/migrate";
import { emailOutbox, memberships, organizations, users } from "@/db/schema";
import { verifyEmail } from "@/lib/auth/email-verification";
import { registerAccount } from "@/lib/auth/sign-up";
import { signUpSchema } from "@/lib/auth/schemas";
import { verifyPassword } from "@/lib/auth/password";
import { parseForm } from "@/lib/tenancy/form-state";
import { TEST_PASSWORD, uniqueEmail } from "./helpers";

function form(fields: Record<string, string>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

async function countOrgsNamed(name: string) {
  return (await db.select().from(organizations).where(eq(organizations.name, name))).length;
}

// Read by env() on first use, which happens in beforeAll.
const ADMIN = `admin-${Date.now()}@example.test`;
process.env.ADMIN_EMAILS = `someone@example.test, ${ADMIN.toUpperCase()}`;

describe("sign-up", () => {
  beforeAll(() => migrateDb());

  it("creates the user, their organization and an owner membership", async () => {
    const email = uniqueEmail("new");
    const { user, org } = await registerAccount({ name: "Ada", email, password: TEST_PASSWORD, organization: "Maple & Thread" });
    const [stored] = await db.select().from(users).where(eq(users.email, email));
    expect(stored.name).toBe("Ada");
    expect(stored.currentOrgId).toBe(org.id);
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(stored.passwordHash ?? "", TEST_PASSWORD)).toBe(true);
    expect(org.slug).toMatch(/^maple-thread/);
    const ms = await db.select().from(memberships).where(eq(memberships.userId, user.id));
    expect(ms).toEqual([expect.objectContaining({ orgId: org.id, role: "owner" })]);
  });

  it("makes a sign-up whose email is in ADMIN_EMAILS a platform admin only once the address is confirmed, and nobody else", async () => {
    const admin = await registerAccount({ name: "Root", email: ADMIN, password: TEST_PASSWORD, organization: "Platform" });
    const seller = await registerAccount({ name: "Seller", email: uniqueEmail(), password: TEST_PASSWORD, organization: "Shop" });
    // Signing up first with a listed address proves nothing: no admin yet.
    expect(admin.user.platformRole).toBeNull();
    expect(admin.user.emailVerified).toBeNull();

    const link = async (email: string) => {
      const [mail] = await db.select().from(emailOutbox).where(eq(emailOutbox.to, email));
      expect(mail.template).toBe("verify-email");
      return mail.text?.match(/\/verify-email\/([A-Za-z0-9_-]+)/)?.[1] ?? "";
    };
    await expect(verifyEmail("not-a-real-token")).rejects.toMatchObject({ status: 400 });
    expect(await verifyEmail(await link(ADMIN))).toEqual({ email: ADMIN, admin: true });
    expect(await verifyEmail(await link(seller.user.email)).catch(() => null)).toEqual({ email: seller.user.email, admin: false });
    const [a] = await db.select().from(users).where(eq(users.id, admin.user.id));
    const [s] = await db.select().from(users).where(eq(users.id, seller.user.id));
    expect(a.platformRole).toBe("admin");
    expect(a.emailVerified).toBeInstanceOf(Date);
    expect(s.platformRole).toBeNull();
    // A link works once.
    await expect(verifyEmail(await link(ADMIN))).rejects.toMatchObject({ status: 400 });
  });

  it("starts the organization in the browser's time zone, and in UTC when the form sent none or nonsense", async () => {
    const parsed = parseForm(signUpSchema, form({ name: "Tz", email: uniqueEmail("tz"), password: TEST_PASSWORD, organization: "Tz shop", timezone: "Europe/Paris" }));
    if ("state" in parsed) throw new Error("the form should parse");
    const { org } = await registerAccount(parsed.data);
    expect(org.settings.timezone).toBe("Europe/Paris");
    const bogus = parseForm(signUpSchema, form({ name: "Tz", email: uniqueEmail("tz"), password: TEST_PASSWORD, organization: "Tz shop", timezone: "Mars/Olympus" }));
    if ("state" in bogus) throw new Error("the form should parse");
    expect((await registerAccount(bogus.data)).org.settings.timezone).toBeUndefined();
  });

  it("gives two organizations with the same name different slugs", async () => {
    const a = await registerAccount({ name: "A", email: uniqueEmail(), password: TEST_PASSWORD, organization: "Same Name Shop" });
    const b = await registerAccount({ name: "B", email: uniqueEmail(), password: TEST_PASSWORD, organization: "Same Name Shop" });
    expect(a.org.slug).not.toBe(b.org.slug);
  });

  it("refuses an email that already has an account and creates nothing", async () => {
    const email = uniqueEmail("dup");
    await registerAccount({ name: "First", email, password: TEST_PASSWORD, organization: "First shop" });
    const orgName = `Second shop ${Date.now()}`;
    await expect(registerAccount({ name: "Second", email: email.toUpperCase().toLowerCase(), password: TEST_PASSWORD, organization: orgName })).rejects.toMatchObject({
      status: 409,
      fields: { email: expect.stringContaining("already exists") },
    });
    expect(await countOrgsNamed(orgName)).toBe(0);
  });

  it.each([
    ["a weak password", { password: "short" }, "password", "at least 10"],
    ["a malformed email", { email: "not-an-email" }, "email", "valid email"],
    ["an empty organization name", { organization: "   " }, "organization", "organization's name"],
  ])("rejects %s with an error next to the field", async (_label, override, field, message) => {
    const input = { name: "Bob", email: uniqueEmail(), password: TEST_PASSWORD, organization: `Bad input ${Date.now()}`, ...override };
    const result = parseForm(signUpSchema, form(input));
    expect("state" in result).toBe(true);
    if (!("state" in result)) return;
    expect(result.state.fieldErrors?.[field]).toContain(message);
    expect(Object.keys(result.state.fieldErrors ?? {})).toEqual([field]);
    // What was typed comes back (never the password), so the form keeps it.
    expect(result.state.values?.name).toBe("Bob");
    expect(result.state.values?.password).toBeUndefined();
    expect(await db.select().from(users).where(eq(users.email, input.email))).toHaveLength(0);
  });

  it("normalises the email so the same address cannot sign up twice in another case", async () => {
    const email = uniqueEmail("case");
    const parsed = signUpSchema.parse({ name: "C", email: `  ${email.toUpperCase()} `, password: TEST_PASSWORD, organization: "Case" });
    expect(parsed.email).toBe(email);
  });
});
