import type { DbOrTx } from "@/db/client";
import { auditEvents, type AuditAction } from "@/db/schema";

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
  await dbOrTx.insert(auditEvents).values({
    orgId: e.orgId ?? null,
    actorType: e.actor.type,
    actorUserId: e.actor.userId ?? null,
    action: e.action,
    targetType: e.target?.type ?? null,
    targetId: e.target?.id ?? null,
    before: e.before ?? null,
    after: e.after ?? null,
    ip: e.ip ?? null,
  });
}
