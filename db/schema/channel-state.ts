import { index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { channelItems } from "./catalog";
import { marketplaceConnections } from "./marketplaces";
import { organizations } from "./orgs";

// What Stockroom knows about a channel's quantities between reads: the writes it sent
// and the reads it has not judged yet. lib/inventory/expectation.ts explains the model.

export const PUSH_INTENT_STATUSES = ["sent", "confirmed", "failed", "not_applied", "unknown", "superseded"] as const;
export type PushIntentStatus = (typeof PUSH_INTENT_STATUSES)[number];

/**
 * One absolute quantity write to one channel item, recorded before the call ("sent") and
 * settled after it. A "sent" intent whose process died is settled by the next read of the
 * channel: the read tells whether the write landed.
 */
export const pushIntents = pgTable(
  "push_intents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    connectionId: uuid("connection_id").notNull().references(() => marketplaceConnections.id, { onDelete: "cascade" }),
    channelItemId: uuid("channel_item_id").notNull().references(() => channelItems.id, { onDelete: "cascade" }),
    quantity: integer("quantity").notNull(),
    status: text("status", { enum: PUSH_INTENT_STATUSES }).notNull().default("sent"),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull(),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
    error: text("error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("push_intents_item_idx").on(t.channelItemId, t.status), index("push_intents_conn_created_idx").on(t.connectionId, t.createdAt)],
);

/**
 * A read of a channel item's quantity that differed from what we expected, waiting for
 * the orders placed before it to be imported: only then can it be told apart from a sale
 * (explained) or an edit the seller made on the channel. It keeps the anchor it is to be
 * judged against, and the write that was unsettled when it was read.
 */
export const channelObservations = pgTable(
  "channel_observations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    connectionId: uuid("connection_id").notNull().references(() => marketplaceConnections.id, { onDelete: "cascade" }),
    channelItemId: uuid("channel_item_id").notNull().references(() => channelItems.id, { onDelete: "cascade" }),
    quantity: integer("quantity").notNull(),
    readFrom: timestamp("read_from", { withTimezone: true }).notNull(),
    readTo: timestamp("read_to", { withTimezone: true }).notNull(),
    prevQuantity: integer("prev_quantity").notNull(),
    prevFrom: timestamp("prev_from", { withTimezone: true }).notNull(),
    prevTo: timestamp("prev_to", { withTimezone: true }).notNull(),
    intentId: uuid("intent_id"),
    intentQuantity: integer("intent_quantity"),
    intentSentAt: timestamp("intent_sent_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("channel_observations_conn_idx").on(t.connectionId, t.readTo)],
);

export type PushIntent = typeof pushIntents.$inferSelect;
export type ChannelObservation = typeof channelObservations.$inferSelect;
