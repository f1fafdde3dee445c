import { and, eq, isNull } from "drizzle-orm";
import { db } from "@/db/client";
import { users } from "@/db/schema";

/** A platform admin acting right now, checked against the database on this request. */
export type AdminContext = { userId: string; email: string; ip: string | null };

/**
 * The admin behind a session's user id, or null. Reads the role and disabled flag from
 * the database every time, because a session issued before a revoke must stop working.
 */
export async function loadActiveAdmin(userId: string | null | undefined): Promise<Omit<AdminContext, "ip"> | null> {
  if (!userId) return null;
  const [row] = await db
    .select({ userId: users.id, email: users.email })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.platformRole, "admin"), isNull(users.disabledAt)))
    .limit(1);
  return row ?? null;
}
