import { and, eq, lt } from "drizzle-orm";
import { db } from "@/db/client";
import { notificationDeliveries } from "@/db/schema";
import { AppError } from "@/lib/errors";

// Every verified notification claims its delivery id before it does anything: a second
// delivery of the same id (the sender's retry of one whose answer it lost, its own duplicate,
// or a captured request sent again) does nothing. It is still answered 2xx: senders retry
// any other answer (Etsy for up to 10 hours), and a refusal would only make them send it again.

/** A notification refused before anything was written: unsigned, badly signed, stale or malformed. */
export class NotificationRejected extends AppError {
  constructor(status: 400 | 401 | 412, code: "unsigned" | "bad_signature" | "stale" | "malformed", message: string) {
    super(message, status, code);
  }
}

type Source = (typeof notificationDeliveries.$inferInsert)["source"];

// Senders refuse to sign for longer than this (Standard Webhooks: 5 minutes); a day keeps a wide margin.
const KEEP_MS = 24 * 3600_000;

/** False when this delivery id was already received: the caller then does nothing. */
export async function claimDelivery(source: Source, deliveryId: string, topic: string, connectionId: string | null): Promise<boolean> {
  const claimed = await db.insert(notificationDeliveries).values({ source, deliveryId, topic, connectionId }).onConflictDoNothing().returning({ id: notificationDeliveries.id });
  return claimed.length > 0;
}

/** The work behind a claimed delivery failed: let the sender's retry of the same id through. */
export async function releaseDelivery(source: Source, deliveryId: string): Promise<void> {
  await db.delete(notificationDeliveries).where(and(eq(notificationDeliveries.source, source), eq(notificationDeliveries.deliveryId, deliveryId)));
}

/** Ids older than any sender would still sign are no longer needed (daily sweep). */
export async function pruneDeliveries(now = new Date()): Promise<number> {
  const gone = await db.delete(notificationDeliveries).where(lt(notificationDeliveries.receivedAt, new Date(now.getTime() - KEEP_MS))).returning({ id: notificationDeliveries.id });
  return gone.length;
}
