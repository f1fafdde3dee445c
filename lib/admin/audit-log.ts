import { and, count, desc, eq, gte, ilike, lte, or, type SQL } from "drizzle-orm";
import Papa from "papaparse";
import { db } from "@/db/client";
import { auditEvents, organizations, users } from "@/db/schema";
import { containsPattern, offsetFor, PAGE_SIZE, toPage } from "./paging";
import type { AuditListQuery } from "./schemas";

/** Exports stop here; narrow the filters for more. */
export const AUDIT_EXPORT_LIMIT = 50_000;

const eventColumns = {
  id: auditEvents.id,
  at: auditEvents.at,
  action: auditEvents.action,
  actorType: auditEvents.actorType,
  actorUserId: auditEvents.actorUserId,
  actorEmail: users.email,
  orgId: auditEvents.orgId,
  orgName: organizations.name,
  targetType: auditEvents.targetType,
  targetId: auditEvents.targetId,
  before: auditEvents.before,
  after: auditEvents.after,
  ip: auditEvents.ip,
};

function auditFilter(q: AuditListQuery): SQL | undefined {
  return and(
    q.orgId ? eq(auditEvents.orgId, q.orgId) : undefined,
    q.actor ? or(eq(auditEvents.actorUserId, q.actor), ilike(users.email, containsPattern(q.actor))) : undefined,
    q.action ? eq(auditEvents.action, q.action) : undefined,
    q.from ? gte(auditEvents.at, q.from) : undefined,
    q.to ? lte(auditEvents.at, q.to) : undefined,
  );
}

function selectEvents(q: AuditListQuery) {
  return db
    .select(eventColumns)
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .leftJoin(organizations, eq(organizations.id, auditEvents.orgId))
    .where(auditFilter(q))
    .orderBy(desc(auditEvents.at), desc(auditEvents.id));
}

export async function listAuditEvents(q: AuditListQuery) {
  const [rows, [{ total }]] = await Promise.all([
    selectEvents(q).limit(PAGE_SIZE).offset(offsetFor(q.page)),
    db.select({ total: count() }).from(auditEvents).leftJoin(users, eq(users.id, auditEvents.actorUserId)).where(auditFilter(q)),
  ]);
  return toPage(rows, total, q.page);
}

/** The filtered audit log as CSV (every page), before/after as JSON text. */
export async function exportAuditEventsCsv(q: AuditListQuery): Promise<string> {
  const rows = await selectEvents(q).limit(AUDIT_EXPORT_LIMIT);
  return Papa.unparse(
    rows.map((r) => ({
      at: r.at.toISOString(),
      action: r.action,
      actor_type: r.actorType,
      actor_user_id: r.actorUserId ?? "",
      actor_email: r.actorEmail ?? "",
      org_id: r.orgId ?? "",
      org_name: r.orgName ?? "",
      target_type: r.targetType ?? "",
      target_id: r.targetId ?? "",
      before: r.before == null ? "" : JSON.stringify(r.before),
      after: r.after == null ? "" : JSON.stringify(r.after),
      ip: r.ip ?? "",
    })),
    // A cell starting with = + - @ would run as a formula in a spreadsheet.
    { escapeFormulae: true },
  );
}
