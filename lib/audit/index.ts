import { sql, type SQL } from "drizzle-orm";
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

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

/**
 * The insert of one audit event, for a statement that writes the change it describes (a
 * data-modifying CTE): written only `when` that holds. The change and its record then cost one
 * round trip, which matters where a row lock is held across them (a stock edit).
 */
export function auditInsert(e: AuditInput, when: SQL = sql`true`): SQL {
  return sql`
    insert into audit_events (org_id, actor_type, actor_user_id, action, target_type, target_id, before, after, ip)
    select ${e.orgId ?? null}::uuid, ${e.actor.type}, ${e.actor.userId ?? null}, ${e.action}, ${e.target?.type ?? null}, ${e.target?.id ?? null},
      ${json(e.before)}::jsonb, ${json(e.after)}::jsonb, ${e.ip ?? null}
    where ${when}`;
}
