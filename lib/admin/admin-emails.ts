import { and, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { recordAudit } from "@/lib/audit";

/**
 * Makes every existing user listed in ADMIN_EMAILS whose address is verified a platform
 * admin (start-up); an unverified one becomes admin when they confirm it. Removing an
 * address from the list does not revoke: admins granted by another admin stay.
 */
export async function syncAdminEmails(emails: readonly string[]): Promise<string[]> {
  const wanted = [...new Set(emails.map((e) => e.trim().toLowerCase()).filter(Boolean))];
  if (wanted.length === 0) return [];
  return db.transaction(async (tx) => {
    const granted = await tx
      .update(users)
      .set({ platformRole: "admin" })
      .where(and(inArray(sql`lower(${users.email})`, wanted), isNull(users.platformRole), isNotNull(users.emailVerified)))
      .returning({ id: users.id, email: users.email });
    for (const u of granted) {
      await recordAudit(tx, {
        actor: { type: "system" },
        action: "user.admin_granted",
        target: { type: "user", id: u.id },
        before: { platformRole: null },
        after: { platformRole: "admin", source: "ADMIN_EMAILS" },
      });
    }
    return granted.map((u) => u.email);
  });
}
