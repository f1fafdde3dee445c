import { and, eq, gt } from "drizzle-orm";
import { db } from "@/db/client";
import { loginAttempts, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { env } from "@/lib/env";
import { listUserOrganizations } from "@/lib/orgs/organizations";
import { burnPasswordCheck, verifyPassword } from "./password";
import type { SignInInput } from "./schemas";
import { throttleDecision, waitMessage, WINDOW_MS } from "./throttle";

export const INVALID_CREDENTIALS = "That email and password do not match. Check them and try again.";

export type SignInUser = { id: string; email: string; name: string | null; platformRole: "admin" | null };
export type SignInFailure = { code: "invalid" | "throttled" | "user_disabled" | "org_disabled"; message: string };
export type SignInResult = { ok: true; user: SignInUser } | ({ ok: false } & SignInFailure);

/**
 * Checks a password sign-in. Every attempt is recorded per email (known or not, so the
 * answer never reveals whether an account exists); too many failures make the account wait.
 */
export async function authenticateWithPassword(input: SignInInput, ip: string | null = null, now = new Date()): Promise<SignInResult> {
  const email = input.email;
  const attempts = await db
    .select({ succeeded: loginAttempts.succeeded, at: loginAttempts.at })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.email, email), gt(loginAttempts.at, new Date(now.getTime() - WINDOW_MS))));
  const throttle = throttleDecision(attempts, now);
  if (!throttle.allowed) return { ok: false, code: "throttled", message: waitMessage(throttle.retryAfterMs) };

  const [user] = await db.select().from(users).where(eq(users.email, email));
  const passwordOk = user?.passwordHash ? await verifyPassword(user.passwordHash, input.password) : (await burnPasswordCheck(input.password), false);
  if (!user || !passwordOk) {
    await db.transaction(async (tx) => {
      await tx.insert(loginAttempts).values({ email, succeeded: false, ip, at: now });
      await recordAudit(tx, { actor: { type: "user", userId: user?.id ?? null }, action: "auth.sign_in_failed", target: { type: "email", id: email }, ip });
    });
    return { ok: false, code: "invalid", message: INVALID_CREDENTIALS };
  }

  const refused = await signInRefusal(user);
  if (refused) return { ok: false, ...refused };

  await db.transaction(async (tx) => {
    await tx.insert(loginAttempts).values({ email, succeeded: true, ip, at: now });
    await recordAudit(tx, { actor: { type: "user", userId: user.id }, action: "auth.sign_in", target: { type: "user", id: user.id }, ip });
  });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, platformRole: user.platformRole } };
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
