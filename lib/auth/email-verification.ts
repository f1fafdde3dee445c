import { and, eq, gt, isNull } from "drizzle-orm";
import { db, type DbOrTx } from "@/db/client";
import { users, verificationTokens } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { deliverEmailsSoon, enqueueEmail } from "@/lib/email";
import { env } from "@/lib/env";
import { Invalid } from "@/lib/errors";
import { isAdminEmail } from "./admin-emails";
import { hashLinkToken, newLinkToken } from "./tokens";

// Proof that a person owns their email address: a link by email. Unverified accounts use
// the app as usual; only the platform-admin grant of ADMIN_EMAILS waits for it, so signing
// up first with a listed address no longer makes a stranger an admin.

const VALID_MS = 48 * 60 * 60 * 1000;
const identifier = (userId: string) => `verify-email:${userId}`;

/** Queues the link (a new one replaces any earlier one) in the caller's transaction; returns the outbox id. */
export async function queueVerificationEmail(tx: DbOrTx, user: { id: string; email: string; name: string | null }, now = new Date()): Promise<string | null> {
  const { token, hash } = newLinkToken();
  await tx.delete(verificationTokens).where(eq(verificationTokens.identifier, identifier(user.id)));
  await tx.insert(verificationTokens).values({ identifier: identifier(user.id), token: hash, expires: new Date(now.getTime() + VALID_MS) });
  return enqueueEmail(tx, { to: user.email, template: "verify-email", props: { name: user.name, url: `${env().APP_URL}/verify-email/${token}` } });
}

/** "Send the link again" for a signed-in, still unverified user. */
export async function resendVerificationEmail(userId: string): Promise<void> {
  const id = await db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(and(eq(users.id, userId), isNull(users.emailVerified)));
    return user ? queueVerificationEmail(tx, user) : null;
  });
  if (id) deliverEmailsSoon([id]);
}

/** Confirms the address behind a link, and grants platform admin if ADMIN_EMAILS lists it. */
export async function verifyEmail(token: string, now = new Date()): Promise<{ email: string; admin: boolean }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .delete(verificationTokens)
      .where(and(eq(verificationTokens.token, hashLinkToken(token)), gt(verificationTokens.expires, now)))
      .returning();
    const userId = row?.identifier.startsWith("verify-email:") ? row.identifier.slice("verify-email:".length) : null;
    const [user] = userId ? await tx.select().from(users).where(eq(users.id, userId)) : [];
    if (!user) throw new Invalid("This confirmation link is invalid or has expired. Sign in and ask for a new one.");
    const admin = isAdminEmail(user.email) && user.platformRole !== "admin";
    await tx.update(users).set({ emailVerified: user.emailVerified ?? now, ...(admin ? { platformRole: "admin" as const } : {}) }).where(eq(users.id, user.id));
    if (admin) {
      await recordAudit(tx, {
        actor: { type: "user", userId: user.id },
        action: "user.admin_granted",
        target: { type: "user", id: user.id },
        before: { platformRole: null },
        after: { platformRole: "admin", source: "ADMIN_EMAILS, email verified" },
      });
    }
    return { email: user.email, admin: admin || user.platformRole === "admin" };
  });
}
