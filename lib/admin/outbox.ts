import { and, count, desc, eq, ilike, inArray, ne } from "drizzle-orm";
import { db } from "@/db/client";
import { emailOutbox } from "@/db/schema";
import { auditAdminAction } from "./audit";
import type { AdminContext } from "./context";
import { containsPattern, offsetFor, PAGE_SIZE, toPage } from "./paging";
import type { OutboxListQuery } from "./schemas";

// The body (html/text/props) can hold reset links: the list shows envelopes only.
const envelope = {
  id: emailOutbox.id,
  orgId: emailOutbox.orgId,
  to: emailOutbox.to,
  template: emailOutbox.template,
  subject: emailOutbox.subject,
  status: emailOutbox.status,
  attempts: emailOutbox.attempts,
  nextAttemptAt: emailOutbox.nextAttemptAt,
  lastError: emailOutbox.lastError,
  sentAt: emailOutbox.sentAt,
  createdAt: emailOutbox.createdAt,
};

export async function listOutbox(q: OutboxListQuery) {
  const where = and(q.status === "all" ? undefined : eq(emailOutbox.status, q.status), q.q ? ilike(emailOutbox.to, containsPattern(q.q)) : undefined);
  const [rows, [{ total }]] = await Promise.all([
    db.select(envelope).from(emailOutbox).where(where).orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id)).limit(PAGE_SIZE).offset(offsetFor(q.page)),
    db.select({ total: count() }).from(emailOutbox).where(where),
  ]);
  return toPage(rows, total, q.page);
}

/**
 * Puts failed (or waiting) messages back at the front of the queue with a fresh attempt
 * budget; the outbox worker sends them on its next pass. Sent messages are never resent.
 */
export async function retryEmails(admin: AdminContext, input: { emailIds: string[] }) {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select(envelope)
      .from(emailOutbox)
      .where(and(inArray(emailOutbox.id, input.emailIds), ne(emailOutbox.status, "sent"), ne(emailOutbox.status, "sending")))
      .for("update");
    for (const row of rows) {
      await tx.update(emailOutbox).set({ status: "pending", attempts: 0, nextAttemptAt: new Date() }).where(eq(emailOutbox.id, row.id));
      await auditAdminAction(tx, admin, {
        action: "email.retried",
        orgId: row.orgId,
        targetType: "email",
        targetId: row.id,
        before: { status: row.status, attempts: row.attempts, lastError: row.lastError },
        after: { status: "pending", attempts: 0 },
      });
    }
    return { retried: rows.length, skipped: input.emailIds.length - rows.length };
  });
}
