import { and, eq, lt, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { syncRuns } from "@/db/schema";

/** A running run touches its heartbeat at least this often (lib/sync/run.ts). */
export const HEARTBEAT_MS = 30_000;
/** Several missed heartbeats: the process that ran it is gone. */
export const STALE_AFTER_MS = 5 * 60_000;

/**
 * Closes runs whose process died (killed, crashed, redeployed): they would show
 * "running" forever. They become failed with the error "interrupted"; their work is
 * idempotent, so the normal schedule simply runs that kind again.
 */
export async function reapInterruptedRuns(opts: { staleAfterMs?: number } = {}): Promise<number> {
  const staleAfterMs = opts.staleAfterMs ?? STALE_AFTER_MS;
  const reaped = await db
    .update(syncRuns)
    .set({
      status: "failed",
      finishedAt: sql`now()`,
      errorClass: "Interrupted",
      error: "interrupted: the process running this sync stopped before it finished; the next scheduled sync picks the work up again.",
    })
    .where(and(eq(syncRuns.status, "running"), lt(syncRuns.heartbeatAt, sql`now() - make_interval(secs => ${staleAfterMs / 1000})`)))
    .returning({ id: syncRuns.id });
  return reaped.length;
}

/** Keeps a run's heartbeat fresh while `work` runs. */
export async function withHeartbeat<T>(runId: string, work: () => Promise<T>): Promise<T> {
  const beat = () => db.update(syncRuns).set({ heartbeatAt: sql`now()` }).where(eq(syncRuns.id, runId));
  const timer = setInterval(() => void beat().catch(() => undefined), HEARTBEAT_MS);
  timer.unref();
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
