import type { DbOrTx } from "@/db/client";
import { auditEvents, type AuditAction } from "@/db/schema";
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
export async function auditAdminAction(tx: DbOrTx, admin: AdminContext, e: AdminAuditEvent): Promise<void> {
  await tx.insert(auditEvents).values({
    orgId: e.orgId ?? null,
    actorUserId: admin.userId,
    actorType: "admin",
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    before: e.before ?? null,
    after: e.after ?? null,
    ip: admin.ip,
  });
}
