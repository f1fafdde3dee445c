import { sql } from "drizzle-orm";
import {
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { products } from "./catalog";
import { organizations } from "./orgs";

export const MOVEMENT_REASONS = [
  "sale",
  "cancel",
  "manual",
  "import",
  "csv_import",
  "channel_edit",
  "restock",
  "bundle_sale",
] as const;
export type MovementReason = (typeof MOVEMENT_REASONS)[number];

// Append-only. source_key makes every movement idempotent:
// order-line:{connectionId}:{externalLineId}, manual:{uuid}, csv:{importId}:{sku},
// restock:{productId}:{client key}, ...
export const stockMovements = pgTable(
  "stock_movements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    productId: uuid("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    delta: integer("delta").notNull(),
    onHandAfter: integer("on_hand_after").notNull(),
    reason: text("reason", { enum: MOVEMENT_REASONS }).notNull(),
    sourceKey: text("source_key").notNull().unique(),
    actorType: text("actor_type", {
      enum: ["user", "connection", "system"],
    }).notNull(),
    actorId: text("actor_id"),
    note: text("note"),
    // A bundle sale or its cancellation moves each component under its own key; this is the key
    // of the bundle's movement it belongs to, so a cancellation reverses exactly what was sold.
    parentKey: text("parent_key"),
    createdAt: timestamp("created_at", { withTimezone: true })
      .notNull()
      .defaultNow(),
  },
  (t) => [
    index("stock_movements_product_created_idx").on(t.productId, t.createdAt),
    index("stock_movements_org_created_idx").on(t.orgId, t.createdAt),
    index("stock_movements_parent_key_idx")
      .on(t.parentKey)
      .where(sql`${t.parentKey} is not null`),
  ],
);

export type StockMovement = typeof stockMovements.$inferSelect;
