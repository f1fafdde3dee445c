import { and, eq, gt, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { auditEvents, loginAttempts, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { deliverEmailsSoon, enqueueEmail } from "@/lib/email";
import { env } from "@/lib/env";
import { listUserOrganizations } from "@/lib/orgs/organizations";
import { burnPasswordCheck, verifyPassword } from "./password";
import type { SignInInput } from "./schemas";
import { signInDecision, waitMessage, WINDOW_MS } from "./throttle";

export const INVALID_CREDENTIALS = "That email and password do not match. Check them and try again.";

export type SignInUser = { id: string; email: string; name: string | null; platformRole: "admin" | null };
export type SignInFailure = { code: "invalid" | "throttled" | "user_disabled" | "org_disabled"; message: string };
export type SignInResult = { ok: true; user: SignInUser } | ({ ok: false } & SignInFailure);

/**
 * Checks a password sign-in. Every attempt is recorded per email (known or not, so the
 * answer never reveals whether an account exists); too many failures make the account (or
 * the address) wait, see ./throttle. The attempt is counted as a failure before the password
 * is checked, under a lock per email and per address, so parallel guesses cannot all slip
 * past the count: 25 wrong passwords sent at once get exactly 5 password checks.
 */
export async function authenticateWithPassword(input: SignInInput, ip: string | null = null, now = new Date()): Promise<SignInResult> {
  const email = input.email;
  const claim = await claimAttempt(email, ip, now);
  if (!claim.ok) return { ok: false, code: "throttled", message: waitMessage(claim.retryAfterMs) };

  const [user] = await db.select().from(users).where(eq(users.email, email));
  const passwordOk = user?.passwordHash ? await verifyPassword(user.passwordHash, input.password) : (await burnPasswordCheck(input.password), false);
  if (!user || !passwordOk) {
    await db.transaction(async (tx) => {
      await recordAudit(tx, { actor: { type: "user", userId: user?.id ?? null }, action: "auth.sign_in_failed", target: { type: "email", id: email }, ip });
    });
    if (user) await tellOwnerWhenLocked(user, ip, now);
    return { ok: false, code: "invalid", message: INVALID_CREDENTIALS };
  }

  const refused = await signInRefusal(user);
  if (refused) return { ok: false, ...refused };

  await db.transaction(async (tx) => {
    await tx.update(loginAttempts).set({ succeeded: true }).where(eq(loginAttempts.id, claim.attemptId));
    await recordAudit(tx, { actor: { type: "user", userId: user.id }, action: "auth.sign_in", target: { type: "user", id: user.id }, ip });
  });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, platformRole: user.platformRole } };
}

/** Decides under the locks and, when allowed, records the attempt as failed until the password proves otherwise. */
async function claimAttempt(email: string, ip: string | null, now: Date): Promise<{ ok: true; attemptId: string } | { ok: false; retryAfterMs: number }> {
  const since = new Date(now.getTime() - WINDOW_MS);
  return db.transaction(async (tx) => {
    // Always email first, then address: every transaction takes them in the same order.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`sign-in:email:${email}`}))`);
    if (ip !== null) await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`sign-in:ip:${ip}`}))`);
    const account = await tx
      .select({ succeeded: loginAttempts.succeeded, at: loginAttempts.at, ip: loginAttempts.ip })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.email, email), gt(loginAttempts.at, since)));
    const fromIp =
      ip === null
        ? []
        : await tx
            .select({ succeeded: loginAttempts.succeeded, at: loginAttempts.at })
            .from(loginAttempts)
            .where(and(eq(loginAttempts.ip, ip), eq(loginAttempts.succeeded, false), gt(loginAttempts.at, since)));
    const decision = signInDecision({ account, fromIp, ip, now });
    if (!decision.allowed) return { ok: false as const, retryAfterMs: decision.retryAfterMs };
    const [row] = await tx.insert(loginAttempts).values({ email, succeeded: false, ip, at: now }).returning({ id: loginAttempts.id });
    return { ok: true as const, attemptId: row.id };
  });
}

/** The failure that engaged a lock emails the account's owner, once per window. */
async function tellOwnerWhenLocked(user: { id: string; email: string; name: string | null }, ip: string | null, now: Date): Promise<void> {
  const since = new Date(now.getTime() - WINDOW_MS);
  const later = new Date(now.getTime() + 1);
  const account = await db
    .select({ succeeded: loginAttempts.succeeded, at: loginAttempts.at, ip: loginAttempts.ip })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.email, user.email), gt(loginAttempts.at, since)));
  const next = signInDecision({ account, fromIp: [], ip, now: later });
  if (next.allowed) return;
  const emailId = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`sign-in:locked:${user.id}`}))`);
    const [already] = await tx
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "auth.sign_in_locked"), eq(auditEvents.targetId, user.id), gt(auditEvents.at, since)))
      .limit(1);
    if (already) return null;
    await recordAudit(tx, { actor: { type: "system" }, action: "auth.sign_in_locked", target: { type: "user", id: user.id }, ip });
    return enqueueEmail(tx, {
      to: user.email,
      template: "account-locked",
      props: { name: user.name, ip, minutes: Math.ceil(WINDOW_MS / 60_000), resetUrl: `${env().APP_URL}/forgot-password` },
    });
  });
  if (emailId) deliverEmailsSoon([emailId]);
}

/** Why a user who proved who they are still may not sign in (any provider), or null. */
export async function signInRefusal(user: { id: string; disabledAt: Date | null; platformRole: "admin" | null }): Promise<SignInFailure | null> {
  const support = env().SUPPORT_EMAIL;
  if (user.disabledAt) return { code: "user_disabled", message: `This account has been disabled. Contact support at ${support} if you think this is a mistake.` };
  if (user.platformRole === "admin") return null;
  const orgs = await listUserOrganizations(user.id);
  if (orgs.length > 0 && orgs.every((o) => o.disabledAt)) {
    const names = orgs.map((o) => o.name).join(", ");
    return { code: "org_disabled", message: `Your organization ${names} has been disabled. Contact support at ${support} to restore access.` };
  }
  return null;
}
