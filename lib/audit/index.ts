import { SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import type { AuditAction } from "@/db/schema";

export type AuditActor = { type: "user" | "admin" | "system"; userId?: string | null };
export type AuditTarget = { type: string; id: string };

export type AuditInput = {
  orgId?: string | null;
  actor: AuditActor;
  action: AuditAction;
  target?: AuditTarget;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
};

/** Appends one audit event; pass the transaction of the change it describes. */
export async function recordAudit(dbOrTx: DbOrTx, e: AuditInput): Promise<void> {
  await dbOrTx.execute(auditInsert(e));
}

// A value, or SQL computing it from the rows of the statement the insert is part of.
const json = (v: unknown) => (v instanceof SQL ? sql`${v}` : sql`${v === undefined || v === null ? null : JSON.stringify(v)}::jsonb`);

/**
 * The insert of one audit event, for a statement that writes the change it describes (a
 * data-modifying CTE): one row per row of `from` (none when it is empty), whose columns
 * `before`/`after` given as SQL may use. The change and its record then cost one round trip,
 * which matters where a row lock is held across them (a stock edit).
 */
export function auditInsert(e: AuditInput, from?: SQL): SQL {
  return sql`
    insert into audit_events (org_id, actor_type, actor_user_id, action, target_type, target_id, before, after, ip)
    select ${e.orgId ?? null}::uuid, ${e.actor.type}, ${e.actor.userId ?? null}, ${e.action}, ${e.target?.type ?? null}, ${e.target?.id ?? null},
      ${json(e.before)}, ${json(e.after)}, ${e.ip ?? null}
    ${from ? sql`from ${from}` : sql``}`;
}
