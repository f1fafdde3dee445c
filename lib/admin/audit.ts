import type { DbOrTx } from "@/db/client";
import type { AuditAction } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import type { AdminContext } from "./context";

export type AdminAuditEvent = {
  action: AuditAction;
  orgId?: string | null;
  targetType: "organization" | "user" | "connection" | "sync_run" | "email";
  targetId: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
};

/** Every admin action writes one of these in the transaction that makes the change. */
export function auditAdminAction(tx: DbOrTx, admin: AdminContext, e: AdminAuditEvent): Promise<void> {
  return recordAudit(tx, {
    orgId: e.orgId,
    actor: { type: "admin", userId: admin.userId },
    action: e.action,
    target: { type: e.targetType, id: e.targetId },
    before: e.before,
    after: e.after,
    ip: admin.ip,
  });
}
