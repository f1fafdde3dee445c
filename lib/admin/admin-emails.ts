import { and, inArray, isNull, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { auditEvents, users } from "@/db/schema";

/**
 * Makes every existing user listed in ADMIN_EMAILS a platform admin (start-up). Removing
 * an address from the list does not revoke: admins granted by another admin stay.
 */
export async function syncAdminEmails(emails: readonly string[]): Promise<string[]> {
  const wanted = [...new Set(emails.map((e) => e.trim().toLowerCase()).filter(Boolean))];
  if (wanted.length === 0) return [];
  return db.transaction(async (tx) => {
    const granted = await tx
      .update(users)
      .set({ platformRole: "admin" })
      .where(and(inArray(sql`lower(${users.email})`, wanted), isNull(users.platformRole)))
      .returning({ id: users.id, email: users.email });
    if (granted.length > 0) {
      await tx.insert(auditEvents).values(
        granted.map((u) => ({
          actorType: "system" as const,
          action: "user.admin_granted" as const,
          targetType: "user",
          targetId: u.id,
          before: { platformRole: null },
          after: { platformRole: "admin", source: "ADMIN_EMAILS" },
        })),
      );
    }
    return granted.map((u) => u.email);
  });
}
