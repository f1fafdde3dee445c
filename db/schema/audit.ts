import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { organizations } from "./orgs";

export const AUDIT_ACTIONS = [
  "auth.sign_in_failed",
  "auth.sign_in",
  "auth.sign_in_locked",
  "auth.password_reset",
  "org.created",
  "org.updated",
  "org.disabled",
  "org.enabled",
  "member.invited",
  "member.joined",
  "member.role_changed",
  "member.removed",
  "connection.added",
  "connection.reconnected",
  "connection.removed",
  "connection.account_deleted",
  "connection.out_of_stock_control_enabled",
  "connection.quantity_rule_changed",
  "connection.location_changed",
  "channel_item.quantity_rule_changed",
  "stock.manual_edit",
  "stock.csv_import",
  "stock.restock",
  "product.updated",
  "product.linked",
  "product.bundle_changed",
  "listing.renewal_requested",
  "user.disabled",
  "user.enabled",
  "user.admin_granted",
  "user.admin_revoked",
  "user.password_reset_sent",
  "sync.rerun",
  "sync.triggered",
  "email.retried",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const auditEvents = pgTable(
  "audit_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id").references(() => organizations.id, { onDelete: "cascade" }),
    actorUserId: text("actor_user_id"),
    actorType: text("actor_type", { enum: ["user", "admin", "system"] }).notNull(),
    action: text("action", { enum: AUDIT_ACTIONS }).notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    before: jsonb("before"),
    after: jsonb("after"),
    ip: text("ip"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("audit_events_org_at_idx").on(t.orgId, t.at), index("audit_events_at_idx").on(t.at)],
);

export type AuditEvent = typeof auditEvents.$inferSelect;
