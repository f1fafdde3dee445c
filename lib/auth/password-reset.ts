import { and, eq, gt, isNull } from "drizzle-orm";
import { db } from "@/db/client";
import { loginAttempts, passwordResetTokens, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { deliverPendingEmails, enqueueEmail } from "@/lib/email";
import { env } from "@/lib/env";
import { Invalid } from "@/lib/errors";
import { hashPassword } from "./password";
import { hashLinkToken, newLinkToken } from "./tokens";

export const RESET_TTL_MS = 60 * 60 * 1000;
export const RESET_LINK_INVALID = "This reset link has expired or was already used. Ask for a new one below.";

/**
 * Emails a single-use reset link valid for one hour. An unknown (or disabled) email gets
 * nothing, and the caller answers the same either way, so the form reveals no account.
 */
export async function requestPasswordReset(email: string, ip: string | null = null): Promise<void> {
  const [user] = await db.select().from(users).where(eq(users.email, email));
  if (!user || user.disabledAt) return;
  const { token, hash } = newLinkToken();
  const emailId = await db.transaction(async (tx) => {
    await tx.insert(passwordResetTokens).values({ tokenHash: hash, userId: user.id, expiresAt: new Date(Date.now() + RESET_TTL_MS) });
    const id = await enqueueEmail(tx, { to: user.email, template: "password-reset", props: { name: user.name, url: `${env().APP_URL}/reset-password/${token}` } });
    await recordAudit(tx, { actor: { type: "user", userId: user.id }, action: "user.password_reset_sent", target: { type: "user", id: user.id }, ip });
    return id;
  });
  // Sent now when possible; a failure stays in the outbox and is retried by the scheduler.
  await deliverPendingEmails({ ids: emailId ? [emailId] : [] });
}

/** Whether a reset link can still be used (for showing the form or an explanation). */
export async function isResetTokenUsable(token: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: passwordResetTokens.userId })
    .from(passwordResetTokens)
    .where(and(eq(passwordResetTokens.tokenHash, hashLinkToken(token)), isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, new Date())));
  return Boolean(row);
}

/** Sets a new password with a reset link; the link (and every other open one for the user) stops working, and so does every session signed in before. */
export async function resetPassword(token: string, password: string, ip: string | null = null): Promise<{ email: string }> {
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    // The conditional update is the single-use check: two submissions cannot both win.
    const [used] = await tx
      .update(passwordResetTokens)
      .set({ usedAt: new Date() })
      .where(and(eq(passwordResetTokens.tokenHash, hashLinkToken(token)), isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, new Date())))
      .returning({ userId: passwordResetTokens.userId });
    if (!used) throw new Invalid(RESET_LINK_INVALID);
    const [user] = await tx.update(users).set({ passwordHash, sessionsValidFrom: new Date() }).where(eq(users.id, used.userId)).returning({ email: users.email });
    await tx.update(passwordResetTokens).set({ usedAt: new Date() }).where(and(eq(passwordResetTokens.userId, used.userId), isNull(passwordResetTokens.usedAt)));
    // Proving control of the mailbox clears the failed-attempt count.
    await tx.insert(loginAttempts).values({ email: user.email, succeeded: true, ip });
    await recordAudit(tx, { actor: { type: "user", userId: used.userId }, action: "auth.password_reset", target: { type: "user", id: used.userId }, ip });
    return { email: user.email };
  });
}
