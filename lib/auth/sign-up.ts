import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { users, type Organization, type User } from "@/db/schema";
import { env } from "@/lib/env";
import { Conflict } from "@/lib/errors";
import { createOrganization } from "@/lib/orgs/organizations";
import { hashPassword } from "./password";
import type { InviteeSignUpInput, SignUpInput } from "./schemas";

const EMAIL_TAKEN = "An account with this email already exists. Sign in instead.";

export function isAdminEmail(email: string): boolean {
  return env().ADMIN_EMAILS.some((a) => a.toLowerCase() === email.toLowerCase());
}

/**
 * A new seller: the user, their organization and their owner membership, all or nothing.
 * Without an organization name (an invitee) only the user is created; they join by the invitation.
 */
export async function registerAccount(input: SignUpInput): Promise<{ user: User; org: Organization }>;
export async function registerAccount(input: InviteeSignUpInput): Promise<{ user: User; org: Organization | null }>;
export async function registerAccount(input: SignUpInput | InviteeSignUpInput): Promise<{ user: User; org: Organization | null }> {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email));
      if (existing) throw new Conflict(EMAIL_TAKEN, { email: EMAIL_TAKEN });
      const [user] = await tx
        .insert(users)
        .values({ name: input.name, email: input.email, passwordHash, platformRole: isAdminEmail(input.email) ? "admin" : null })
        .returning();
      if (!("organization" in input)) return { user, org: null };
      const org = await createOrganization(tx, { userId: user.id, name: input.organization });
      return { user: { ...user, currentOrgId: org.id }, org };
    });
  } catch (err) {
    // Two sign-ups racing for one email: the unique index decides.
    if (isUniqueViolation(err)) throw new Conflict(EMAIL_TAKEN, { email: EMAIL_TAKEN });
    throw err;
  }
}

export function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Error || (typeof e === "object" && e !== null); e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
    if (!(e as { cause?: unknown }).cause) break;
  }
  return false;
}
