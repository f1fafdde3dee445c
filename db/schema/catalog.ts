import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { marketplaceConnections } from "./marketplaces";
import { organizations } from "./orgs";
import { quantityRuleCheck, quantityRuleColumns } from "./quantity-rules";

export const products = pgTable(
  "products",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    sku: text("sku").notNull(),
    title: text("title").notNull(),
    imageUrl: text("image_url"),
    // Running sum of stock_movements.delta, updated in the same transaction as each movement.
    onHand: integer("on_hand").notNull().default(0),
    reserve: integer("reserve").notNull().default(0),
    lowStockThreshold: integer("low_stock_threshold"),
    // "To reorder" lists the product at or below this; null = the low-stock threshold (itself null = org default).
    reorderPoint: integer("reorder_point"),
    // What the seller usually orders; 0 = suggest from sales velocity (lib/inventory/reorder-math.ts).
    reorderQuantity: integer("reorder_quantity").notNull().default(0),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("products_org_sku_uq").on(t.orgId, t.sku),
    // The inventory table's sorts: each ties by SKU (unique in an organization), so a page reads
    // its rows in index order, and a cursor seeks straight to them (lib/inventory/queries.ts).
    index("products_org_on_hand_idx").on(t.orgId, t.onHand, t.sku),
    index("products_org_title_idx").on(t.orgId, t.title, t.sku),
    index("products_org_updated_idx").on(t.orgId, t.updatedAt, t.sku),
    // max(low_stock_threshold) per org in O(log n): bounds the low-stock filter's range scan.
    index("products_org_threshold_idx").on(t.orgId, t.lowStockThreshold),
    // The same for max(reorder_point): bounds "To reorder"'s range scan of (org_id, on_hand).
    index("products_org_reorder_point_idx").on(t.orgId, t.reorderPoint),
    // The inventory table's capped count ("10,000+") reads up to 10,001 rows of an organization on
    // every request: from this index alone (index-only), not from the table's pages.
    index("products_org_active_idx").on(t.orgId).where(sql`${t.archivedAt} is null`),
  ],
);

export const channelListings = pgTable(
  "channel_listings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    connectionId: uuid("connection_id").notNull().references(() => marketplaceConnections.id, { onDelete: "cascade" }),
    externalId: text("external_id").notNull(),
    title: text("title").notNull(),
    state: text("state").notNull(),
    url: text("url"),
    snapshotHash: text("snapshot_hash"),
    // What the channel returned last, so a push can write the whole inventory back.
    snapshot: jsonb("snapshot"),
    // The seller pressed "Renew now" on a sold-out Etsy listing: the next push may renew it once.
    renewRequestedAt: timestamp("renew_requested_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("channel_listings_conn_ext_uq").on(t.connectionId, t.externalId), index("channel_listings_org_idx").on(t.orgId)],
);

export const PUSH_STATUSES = ["in_sync", "pending", "failed"] as const;

export const channelItems = pgTable(
  "channel_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    connectionId: uuid("connection_id").notNull().references(() => marketplaceConnections.id, { onDelete: "cascade" }),
    listingId: uuid("listing_id").references(() => channelListings.id, { onDelete: "cascade" }),
    // Etsy product_id (one sellable unit of a listing) or eBay SKU.
    externalId: text("external_id").notNull(),
    externalOfferId: text("external_offer_id"),
    sku: text("sku").notNull(),
    skuGenerated: boolean("sku_generated").notNull().default(false),
    title: text("title").notNull(),
    variation: text("variation"),
    productId: uuid("product_id").references(() => products.id, { onDelete: "set null" }),
    enabled: boolean("enabled").notNull().default(true),
    // What the channel shows now by our reckoning: the anchor less the channel's own sales
    // since (lib/inventory/expectation.ts). With unsureUnits > 0 it may show up to that many
    // fewer: sales placed so close to the anchor that either is possible.
    lastSeenQuantity: integer("last_seen_quantity"),
    unsureUnits: integer("unsure_units").notNull().default(0),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }),
    // The last absolute fact about the channel's quantity: a read, or a write of ours the
    // channel confirmed. It happened between anchorFrom and anchorTo (our clock around the call).
    anchorQuantity: integer("anchor_quantity"),
    anchorFrom: timestamp("anchor_from", { withTimezone: true }),
    anchorTo: timestamp("anchor_to", { withTimezone: true }),
    // A listings read that agreed with the expectation when it was made. Orders placed before
    // it may not be imported yet (a sale and an edit can cancel out), so it becomes the anchor
    // only once they are, and is judged like any other read if they show it disagreed.
    agreedQuantity: integer("agreed_quantity"),
    agreedFrom: timestamp("agreed_from", { withTimezone: true }),
    agreedTo: timestamp("agreed_to", { withTimezone: true }),
    lastPushedQuantity: integer("last_pushed_quantity"),
    lastPushedAt: timestamp("last_pushed_at", { withTimezone: true }),
    pushStatus: text("push_status", { enum: PUSH_STATUSES }).notNull().default("in_sync"),
    pushError: text("push_error"),
    pushAttempts: integer("push_attempts").notNull().default(0),
    // Overrides the connection's quantity rule for this item; null kind = the channel's rule.
    ...quantityRuleColumns(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("channel_items_conn_ext_uq").on(t.connectionId, t.externalId),
    index("channel_items_product_idx").on(t.productId),
    // Re-imports find a listing's renumbered offerings, and deleting a listing cascades, by listing.
    index("channel_items_listing_idx").on(t.listingId),
    index("channel_items_org_sku_idx").on(t.orgId, t.sku),
    index("channel_items_unlinked_idx").on(t.orgId).where(sql`${t.productId} is null`),
    // Pending and failed pushes are few: the push worker and the "push failed" filter read them here.
    index("channel_items_org_unpushed_idx").on(t.orgId, t.pushStatus, t.productId).where(sql`${t.pushStatus} <> 'in_sync'`),
    quantityRuleCheck("channel_items_quantity_rule_ck", t),
  ],
);

export type Product = typeof products.$inferSelect;
export type ChannelListing = typeof channelListings.$inferSelect;
export type ChannelItem = typeof channelItems.$inferSelect;
