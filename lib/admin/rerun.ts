import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { syncRuns } from "@/db/schema";
import { rerunSync, type RunOptions, type RunOutcome } from "@/lib/sync/run";
import { auditAdminAction } from "./audit";
import type { AdminContext } from "./context";

export type RerunResult = { runId: string; outcome: "succeeded" | "partial" | "failed" | "running" | "skipped" | "missing"; newRunId?: string; detail?: string };

function summarize(results: RerunResult[]): string {
  const counts = new Map<string, number>();
  for (const r of results) counts.set(r.outcome, (counts.get(r.outcome) ?? 0) + 1);
  const parts = [...counts].map(([k, n]) => `${n} ${k}`);
  const skipped = results.find((r) => r.outcome === "skipped")?.detail;
  return `Re-ran ${results.length} ${results.length === 1 ? "sync" : "syncs"}: ${parts.join(", ")}.${skipped ? ` Skipped: ${skipped}` : ""}`;
}

/**
 * Runs recorded syncs again, one after another, while the admin waits; each re-run is a new
 * sync_runs row. Audited per run with what happened (the run itself commits in many steps,
 * so the audit row records its outcome afterwards).
 */
export async function rerunSyncRuns(admin: AdminContext, input: { runIds: string[] }, opts: RunOptions = {}) {
  const results: RerunResult[] = [];
  for (const runId of input.runIds) {
    const [run] = await db.select({ id: syncRuns.id, orgId: syncRuns.orgId, status: syncRuns.status, kind: syncRuns.kind, errorClass: syncRuns.errorClass }).from(syncRuns).where(eq(syncRuns.id, runId));
    if (!run) {
      results.push({ runId, outcome: "missing" });
      continue;
    }
    const outcome: RunOutcome = await rerunSync(runId, opts);
    const result: RerunResult =
      outcome.status === "skipped" ? { runId, outcome: "skipped", detail: outcome.reason } : { runId, outcome: outcome.status, newRunId: outcome.run.id, detail: outcome.run.error ?? undefined };
    await auditAdminAction(db, admin, {
      action: "sync.rerun",
      orgId: run.orgId,
      targetType: "sync_run",
      targetId: run.id,
      before: { status: run.status, kind: run.kind, errorClass: run.errorClass },
      after: { outcome: result.outcome, newRunId: result.newRunId ?? null, detail: result.detail ?? null },
    });
    results.push(result);
  }
  return { results, message: summarize(results) };
}
