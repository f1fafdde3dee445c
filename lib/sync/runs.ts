import { eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { syncRuns, type SYNC_REQUEST_KINDS, type SYNC_TRIGGERS, type SyncRun } from "@/db/schema";
import type { ItemError } from "./types";

export type SyncKind = (typeof SYNC_REQUEST_KINDS)[number];
export type SyncTrigger = (typeof SYNC_TRIGGERS)[number];

// Item errors beyond this many are summarized: a run over 10,000 bad items must stay readable.
const MAX_ITEM_ERRORS = 200;

export async function startRun(conn: { id: string; orgId: string }, kind: SyncKind, trigger: SyncTrigger): Promise<string> {
  const [run] = await db.insert(syncRuns).values({ orgId: conn.orgId, connectionId: conn.id, kind, trigger }).returning({ id: syncRuns.id });
  return run.id;
}

/** Adds one step's work to the run, so progress is visible while it runs and survives a crash. */
export async function recordProgress(
  runId: string,
  p: { seen?: number; created?: number; updated?: number; apiCalls?: number; total?: number | null; errors?: ItemError[] },
) {
  const errors = (p.errors ?? []).slice(0, MAX_ITEM_ERRORS);
  await db
    .update(syncRuns)
    .set({
      itemsSeen: sql`${syncRuns.itemsSeen} + ${p.seen ?? 0}`,
      itemsCreated: sql`${syncRuns.itemsCreated} + ${p.created ?? 0}`,
      itemsUpdated: sql`${syncRuns.itemsUpdated} + ${p.updated ?? 0}`,
      apiCalls: sql`${syncRuns.apiCalls} + ${p.apiCalls ?? 0}`,
      heartbeatAt: sql`now()`,
      ...(p.total === undefined || p.total === null ? {} : { progressTotal: p.total }),
      ...(errors.length ? { itemErrors: sql`case when jsonb_array_length(${syncRuns.itemErrors}) < ${MAX_ITEM_ERRORS} then ${syncRuns.itemErrors} || ${JSON.stringify(errors)}::jsonb else ${syncRuns.itemErrors} end` } : {}),
    })
    .where(eq(syncRuns.id, runId));
}

export async function finishRun(runId: string, failure: { errorClass: string; error: string } | null): Promise<SyncRun> {
  const [run] = await db
    .update(syncRuns)
    .set({
      finishedAt: sql`now()`,
      status: failure ? "failed" : sql`case when jsonb_array_length(${syncRuns.itemErrors}) > 0 then 'partial' else 'succeeded' end`,
      errorClass: failure?.errorClass ?? null,
      error: failure?.error ?? null,
    })
    .where(eq(syncRuns.id, runId))
    .returning();
  return run;
}

/** A name an admin can filter on: the typed error's class, or what kind of failure it was. */
export function errorClassOf(err: unknown): string {
  if (err instanceof Error) {
    if (err.name && err.name !== "Error") return err.name;
    if (/timeout|timed out|abort/i.test(err.message)) return "Timeout";
    return "Error";
  }
  return "Unknown";
}

/** What a person reads in sync history: the database's own words, not drizzle's "Failed query: <sql> params: <data>". */
export function failureMessage(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  if (err.message.startsWith("Failed query:") && err.cause instanceof Error) return `The database refused a write (${err.cause.message}); the next sync tries again.`;
  return err.message;
}
