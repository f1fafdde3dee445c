import { index, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { MARKETPLACES } from "./marketplace-ids";
import { marketplaceConnections } from "./marketplaces";

// Marketplace notifications (Etsy webhooks, eBay notifications) that passed verification.
// The sender's delivery id is unique per source, so a replayed delivery is refused before
// it can do anything; rows older than the senders' replay window are pruned.
// Each marketplace is a source; eBay Trading platform notifications number their deliveries apart.
export const NOTIFICATION_SOURCES = [...MARKETPLACES, "ebay-trading"] as const;
export type NotificationSource = (typeof NOTIFICATION_SOURCES)[number];

export const notificationDeliveries = pgTable(
  "notification_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    source: text("source", { enum: NOTIFICATION_SOURCES }).notNull(),
    deliveryId: text("delivery_id").notNull(),
    connectionId: uuid("connection_id").references(() => marketplaceConnections.id, { onDelete: "set null" }),
    topic: text("topic").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("notification_deliveries_source_id_uq").on(t.source, t.deliveryId), index("notification_deliveries_received_idx").on(t.receivedAt)],
);

export type NotificationDelivery = typeof notificationDeliveries.$inferSelect;
