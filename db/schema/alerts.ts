import { sql } from "drizzle-orm";
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { products } from "./catalog";
import { organizations } from "./orgs";

export const alerts = pgTable(
  "alerts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    productId: uuid("product_id").notNull().references(() => products.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["low_stock"] }).notNull().default("low_stock"),
    state: text("state", { enum: ["open", "resolved"] }).notNull().default("open"),
    onHandAtOpen: integer("on_hand_at_open").notNull(),
    threshold: integer("threshold").notNull(),
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    emailedAt: timestamp("emailed_at", { withTimezone: true }),
  },
  (t) => [
    // One open alert per product and kind: a crossing emails once.
    uniqueIndex("alerts_one_open_uq").on(t.productId, t.kind).where(sql`${t.state} = 'open'`),
    index("alerts_org_state_idx").on(t.orgId, t.state),
  ],
);

export type Alert = typeof alerts.$inferSelect;
