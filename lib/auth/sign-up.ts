import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { users, type Organization, type User } from "@/db/schema";
import { deliverEmailsSoon } from "@/lib/email";
import { Conflict, isUniqueViolation } from "@/lib/errors";
import { createOrganization } from "@/lib/orgs/organizations";
import { queueVerificationEmail } from "./email-verification";
import { hashPassword } from "./password";
import type { InviteeSignUpInput, SignUpInput } from "./schemas";

const EMAIL_TAKEN = "An account with this email already exists. Sign in instead.";

/**
 * A new seller: the user, their organization and their owner membership, all or nothing,
 * plus the email that confirms their address (ADMIN_EMAILS is granted only after that).
 * Without an organization name (an invitee) only the user is created; they join by the invitation.
 */
export async function registerAccount(input: SignUpInput): Promise<{ user: User; org: Organization }>;
export async function registerAccount(input: InviteeSignUpInput): Promise<{ user: User; org: Organization | null }>;
export async function registerAccount(input: SignUpInput | InviteeSignUpInput): Promise<{ user: User; org: Organization | null }> {
  const passwordHash = await hashPassword(input.password);
  try {
    const created = await db.transaction(async (tx) => {
      const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email));
      if (existing) throw new Conflict(EMAIL_TAKEN, { email: EMAIL_TAKEN });
      const [user] = await tx
        .insert(users)
        .values({ name: input.name, email: input.email, passwordHash, platformRole: null })
        .returning();
      const emailId = await queueVerificationEmail(tx, user);
      if (!("organization" in input)) return { user, org: null, emailId };
      const org = await createOrganization(tx, { userId: user.id, name: input.organization, timezone: input.timezone });
      return { user: { ...user, currentOrgId: org.id }, org, emailId };
    });
    if (created.emailId) deliverEmailsSoon([created.emailId]);
    return { user: created.user, org: created.org };
  } catch (err) {
    // Two sign-ups racing for one email: the unique index decides (slugs never conflict, see createOrganization).
    if (isUniqueViolation(err)) throw new Conflict(EMAIL_TAKEN, { email: EMAIL_TAKEN });
    throw err;
  }
}
