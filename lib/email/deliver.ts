import { and, asc, desc, eq, inArray, lte } from "drizzle-orm";
import { db } from "@/db/client";
import { emailOutbox, type OutboxEmail } from "@/db/schema";
import { retryDelayMs, statusAfterFailure } from "./backoff";
import { transportEmail } from "./transport";

// A claimed row is leased for this long; a process that dies mid-send frees it again.
const LEASE_MS = 5 * 60_000;

export type DeliveryReport = { sent: number; failed: number };

/**
 * Sends due outbox rows (only `ids` when given: a request sends what it just queued).
 * Safe to run from several processes at once: rows are claimed with SKIP LOCKED.
 */
export async function deliverPendingEmails({ limit = 20, now = new Date(), ids }: { limit?: number; now?: Date; ids?: string[] } = {}): Promise<DeliveryReport> {
  if (ids && ids.length === 0) return { sent: 0, failed: 0 };
  const claimed = await db.transaction(async (tx) => {
    const due = await tx
      .select({ id: emailOutbox.id })
      .from(emailOutbox)
      .where(and(inArray(emailOutbox.status, ["pending", "sending"]), lte(emailOutbox.nextAttemptAt, now), ids ? inArray(emailOutbox.id, ids) : undefined))
      .orderBy(asc(emailOutbox.nextAttemptAt))
      .limit(limit)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(emailOutbox)
      .set({ status: "sending", nextAttemptAt: new Date(now.getTime() + LEASE_MS) })
      .where(inArray(emailOutbox.id, due.map((d) => d.id)))
      .returning();
  });
  const report: DeliveryReport = { sent: 0, failed: 0 };
  for (const row of claimed) {
    if (await deliverOne(row)) report.sent++;
    else report.failed++;
  }
  return report;
}

async function deliverOne(row: OutboxEmail): Promise<boolean> {
  const attempts = row.attempts + 1;
  try {
    await transportEmail(row);
    await db.update(emailOutbox).set({ status: "sent", attempts, sentAt: new Date(), lastError: null }).where(eq(emailOutbox.id, row.id));
    return true;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    console.error(`email ${row.id} to ${row.to} failed (attempt ${attempts}): ${message}`);
    await db
      .update(emailOutbox)
      .set({ status: statusAfterFailure(attempts), attempts, lastError: message.slice(0, 1000), nextAttemptAt: new Date(Date.now() + retryDelayMs(attempts)) })
      .where(eq(emailOutbox.id, row.id));
    return false;
  }
}

/** Best-effort immediate send after a commit; what fails here is retried by the scheduler. */
export function deliverEmailsSoon(ids?: string[]): void {
  deliverPendingEmails({ limit: 10, ids }).catch((err) => console.error("email delivery pass failed", err));
}

export async function listMailbox(limit = 100): Promise<OutboxEmail[]> {
  return db.select().from(emailOutbox).orderBy(desc(emailOutbox.createdAt)).limit(limit);
}
