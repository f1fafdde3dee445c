import { index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { channelItems, products } from "./catalog";
import { marketplaceConnections } from "./marketplaces";
import { organizations } from "./orgs";

export const orders = pgTable(
  "orders",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    connectionId: uuid("connection_id").notNull().references(() => marketplaceConnections.id, { onDelete: "cascade" }),
    externalId: text("external_id").notNull(),
    orderNumber: text("order_number").notNull(),
    status: text("status").notNull(),
    placedAt: timestamp("placed_at", { withTimezone: true }).notNull(),
    externalUpdatedAt: timestamp("external_updated_at", { withTimezone: true }).notNull(),
    currency: text("currency").notNull(),
    totalMinor: integer("total_minor").notNull(),
    buyerName: text("buyer_name"),
    raw: jsonb("raw"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("orders_conn_ext_uq").on(t.connectionId, t.externalId), index("orders_org_placed_idx").on(t.orgId, t.placedAt)],
);

export const orderLines = pgTable(
  "order_lines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    orderId: uuid("order_id").notNull().references(() => orders.id, { onDelete: "cascade" }),
    externalLineId: text("external_line_id").notNull(),
    channelItemId: uuid("channel_item_id").references(() => channelItems.id, { onDelete: "set null" }),
    productId: uuid("product_id").references(() => products.id, { onDelete: "set null" }),
    sku: text("sku"),
    title: text("title").notNull(),
    quantity: integer("quantity").notNull(),
    unitPriceMinor: integer("unit_price_minor").notNull(),
    currency: text("currency").notNull(),
    status: text("status", { enum: ["active", "cancelled"] }).notNull().default("active"),
    // When the channel cancelled the line (the order's modified time when we first saw it so):
    // the channel put the quantity back then.
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    // When we first saw it cancelled. Etsy does not bump a receipt's modified time on
    // cancellation, so the restock happened somewhere between cancelledAt and this.
    cancelSeenAt: timestamp("cancel_seen_at", { withTimezone: true }),
    // By when (our clock) the sale had surely happened: a read of ours that could only be
    // explained with it reflected. Marketplaces stamp whole seconds; once a judgement has
    // counted the sale as in a read, later judgements must count it so too.
    placedBy: timestamp("placed_by", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("order_lines_order_ext_uq").on(t.orderId, t.externalLineId),
    index("order_lines_org_product_idx").on(t.orgId, t.productId),
    // The channel's own sales of one item since an anchor (expected quantity).
    index("order_lines_channel_item_idx").on(t.channelItemId),
  ],
);

export type Order = typeof orders.$inferSelect;
export type OrderLine = typeof orderLines.$inferSelect;
