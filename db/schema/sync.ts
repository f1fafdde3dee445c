import { index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { marketplaceConnections } from "./marketplaces";
import { organizations } from "./orgs";

// The one list of sync kinds and triggers: sync_runs, the engine's events (lib/sync/events.ts) and
// the run types (lib/sync/runs.ts) derive from these.
/** What the engine can be asked to run. */
export const SYNC_REQUEST_KINDS = ["orders", "listings", "fulfillment", "push"] as const;
/** Kinds a sync_runs row may hold: "reconcile" runs of older versions are still in the history. */
export const SYNC_KINDS = [...SYNC_REQUEST_KINDS, "reconcile"] as const;
/** Why a run started. */
export const SYNC_TRIGGERS = ["schedule", "manual", "connected", "webhook", "admin", "stock", "rerun", "first-sync"] as const;
export const SYNC_STATUSES = ["running", "succeeded", "partial", "failed"] as const;

export const syncRuns = pgTable(
  "sync_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    connectionId: uuid("connection_id").notNull().references(() => marketplaceConnections.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: SYNC_KINDS }).notNull(),
    status: text("status", { enum: SYNC_STATUSES }).notNull().default("running"),
    trigger: text("trigger", { enum: SYNC_TRIGGERS }).notNull().default("schedule"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    // Touched while the run works; a running run whose heartbeat stopped was cut by a crash.
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }).notNull().defaultNow(),
    itemsSeen: integer("items_seen").notNull().default(0),
    itemsCreated: integer("items_created").notNull().default(0),
    itemsUpdated: integer("items_updated").notNull().default(0),
    progressTotal: integer("progress_total"),
    apiCalls: integer("api_calls").notNull().default(0),
    errorClass: text("error_class"),
    error: text("error"),
    // Per-item problems that were skipped without failing the run.
    itemErrors: jsonb("item_errors").$type<{ ref: string; message: string }[]>().notNull().default([]),
  },
  (t) => [
    index("sync_runs_conn_started_idx").on(t.connectionId, t.startedAt),
    index("sync_runs_status_started_idx").on(t.status, t.startedAt),
    index("sync_runs_org_started_idx").on(t.orgId, t.startedAt),
  ],
);

export type SyncRun = typeof syncRuns.$inferSelect;
