import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { products } from "./catalog";
import { organizations } from "./orgs";

// A bundle (kit, gift set) is a product made of other products: it holds no stock of its own.
// Its products.on_hand is derived from its components' in the same transaction as every change
// to them (lib/inventory/bundle-stock.ts). Cycles are refused when components are saved.
export const bundleComponents = pgTable(
  "bundle_components",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    bundleId: uuid("bundle_id").notNull().references(() => products.id, { onDelete: "cascade" }),
    componentId: uuid("component_id").notNull().references(() => products.id, { onDelete: "cascade" }),
    // Units of the component one bundle takes.
    quantity: integer("quantity").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Bundle -> components (a sale, the availability) by the key; component -> bundles (what a change re-targets) by the index.
    unique("bundle_components_bundle_component_uq").on(t.bundleId, t.componentId),
    index("bundle_components_component_idx").on(t.componentId),
    check("bundle_components_quantity_positive", sql`${t.quantity} > 0`),
    check("bundle_components_not_self", sql`${t.bundleId} <> ${t.componentId}`),
  ],
);

export type BundleComponent = typeof bundleComponents.$inferSelect;
