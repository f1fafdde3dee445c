import { boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { MARKETPLACES } from "./marketplace-ids";
import { organizations } from "./orgs";
import { quantityRuleCheck, quantityRuleColumns } from "./quantity-rules";

export { MARKETPLACES, type Marketplace } from "./marketplace-ids";
export const CONNECTION_STATUSES = ["active", "needs_reconnect", "disabled", "error"] as const;

export const marketplaceConnections = pgTable(
  "marketplace_connections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    marketplace: text("marketplace", { enum: MARKETPLACES }).notNull(),
    // Etsy shop_id or eBay's immutable user id (older eBay rows: the username until reconnected).
    // One shop belongs to one organization.
    externalId: text("external_id").notNull(),
    externalUserId: text("external_user_id"),
    name: text("name").notNull(),
    // AES-256-GCM ciphertexts (lib/crypto); tokenKeyId names the key that sealed them.
    accessTokenEnc: text("access_token_enc"),
    refreshTokenEnc: text("refresh_token_enc"),
    tokenKeyId: text("token_key_id"),
    accessExpiresAt: timestamp("access_expires_at", { withTimezone: true }),
    refreshExpiresAt: timestamp("refresh_expires_at", { withTimezone: true }),
    scopes: text("scopes").array().notNull().default([]),
    status: text("status", { enum: CONNECTION_STATUSES }).notNull().default("active"),
    ordersCursor: timestamp("orders_cursor", { withTimezone: true }),
    fulfillmentCursor: timestamp("fulfillment_cursor", { withTimezone: true }),
    listingsSyncedAt: timestamp("listings_synced_at", { withTimezone: true }),
    nextOrdersPollAt: timestamp("next_orders_poll_at", { withTimezone: true }),
    idleOrderPolls: integer("idle_order_polls").notNull().default(0),
    // Listings polls back off while they find no seller edits (lib/sync/polling.ts); null: due after the base interval.
    nextListingsPollAt: timestamp("next_listings_poll_at", { withTimezone: true }),
    idleListingPolls: integer("idle_listing_polls").notNull().default(0),
    // Cancelled receipts (invisible to the orders poll on Etsy) are re-read on the base listings interval.
    cancellationsCheckedAt: timestamp("cancellations_checked_at", { withTimezone: true }),
    // Marketplace notifications (lib/notifications): the last one verified, and the last orders
    // poll that found an order they had not brought (null once a poll finds none). Healthy
    // notifications let the orders poll back off to the listings interval.
    notificationSeenAt: timestamp("notification_seen_at", { withTimezone: true }),
    notificationMissAt: timestamp("notification_miss_at", { withTimezone: true }),
    // eBay: the seller's Notification API subscription to ORDER_CONFIRMATION (deleted on disconnect).
    notificationSubscriptionId: text("notification_subscription_id"),
    lastSuccessAt: timestamp("last_success_at", { withTimezone: true }),
    lastError: text("last_error"),
    lastErrorAt: timestamp("last_error_at", { withTimezone: true }),
    reconnectEmailedAt: timestamp("reconnect_emailed_at", { withTimezone: true }),
    disconnectedAt: timestamp("disconnected_at", { withTimezone: true }),
    // eBay: the seller's out-of-stock control setting (null until read) and the app's Trading
    // call usage, both read at connect and daily (GetUserPreferences, GetApiAccessRules).
    outOfStockControl: boolean("out_of_stock_control"),
    preferencesCheckedAt: timestamp("preferences_checked_at", { withTimezone: true }),
    apiUsage: jsonb("api_usage").$type<{ callName: string; dailyUsage: number; dailyLimit: number }[]>(),
    // Which of the channel's stock locations Stockroom reads and writes (Shopify: a Location gid
    // the seller picked on the Connections card) and its name as shown; null: the channel's
    // default (Shopify's primary location).
    locationId: text("location_id"),
    locationName: text("location_name"),
    // The channel's locations as last read (Shopify: at connect), for the picker; null: not read.
    locations: jsonb("locations").$type<{ id: string; name: string; primary: boolean }[]>(),
    // Why the last read of the channel's locations failed, for the seller to act on; null once one succeeds.
    locationsError: text("locations_error"),
    // Reads before this instant no longer describe what the channel shows for us (the seller
    // moved Stockroom to another location): the next listings read takes each item's quantity
    // as its anchor instead of judging it as an edit, and pushes wait until that read is done.
    anchorsResetAt: timestamp("anchors_reset_at", { withTimezone: true }),
    // The channel's default quantity rule ("none": show what is available); items may override it.
    quantityRule: quantityRuleColumns().quantityRule.notNull().default("none"),
    quantityRuleValue: quantityRuleColumns().quantityRuleValue,
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("connections_marketplace_external_uq").on(t.marketplace, t.externalId),
    index("connections_org_idx").on(t.orgId),
    quantityRuleCheck("connections_quantity_rule_ck", t),
  ],
);

// One-time OAuth state, bound to the user and organization that started the flow.
export const oauthStates = pgTable("oauth_states", {
  stateHash: text("state_hash").primaryKey(),
  orgId: uuid("org_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
  userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  marketplace: text("marketplace", { enum: MARKETPLACES }).notNull(),
  codeVerifierEnc: text("code_verifier_enc"),
  // The store the seller named before consent, for marketplaces installed per store (Shopify:
  // its myshopify domain): the callback must come back for the same one.
  account: text("account"),
  connectionId: uuid("connection_id"),
  // Same-site path to land on after the callback (validated when stored).
  returnTo: text("return_to"),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

// Token bucket per marketplace app key, shared by every tenant and process.
export const rateLimitBuckets = pgTable("rate_limit_buckets", {
  appKey: text("app_key").primaryKey(),
  tokens: doublePrecision("tokens").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  // What the marketplace last said the app may spend (Etsy's x-limit-* / x-remaining-* headers):
  // limits differ per app and change when raised, so they win over configured defaults.
  reportedPerSecond: doublePrecision("reported_per_second"),
  reportedPerDay: integer("reported_per_day"),
  reportedRemainingToday: integer("reported_remaining_today"),
  reportedAt: timestamp("reported_at", { withTimezone: true }),
});

// API calls per app key per UTC day, for the daily budget and the admin overview.
export const apiCallCounts = pgTable(
  "api_call_counts",
  {
    appKey: text("app_key").notNull(),
    day: text("day").notNull(),
    calls: integer("calls").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.appKey, t.day] })],
);

export type MarketplaceConnection = typeof marketplaceConnections.$inferSelect;
