import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { migrateDb } from "@/db/migrate";
import { channelItems, marketplaceConnections, organizations, products, stockMovements, type Marketplace, type OrgSettings } from "@/db/schema";
import type { ChannelItemData, ListingWithItems, OrderData } from "@/lib/marketplaces/types";

// Normalized marketplace data and tenant rows for tests of the import side of the engine.

export async function makeOrg(settings: OrgSettings = {}) {
  await migrateDb();
  const slug = `sync-${randomUUID().slice(0, 8)}`;
  const [org] = await db.insert(organizations).values({ name: slug, slug, settings }).returning();
  return org;
}

export async function makeConnection(orgId: string, marketplace: Marketplace, name: string = marketplace) {
  const [conn] = await db
    .insert(marketplaceConnections)
    .values({ orgId, marketplace, externalId: `${marketplace}-${randomUUID()}`, name, createdAt: new Date(Date.now() - 3600_000) })
    .returning();
  return conn;
}

export function item(externalId: string, sku: string | null, quantity: number, extra: Partial<ChannelItemData> = {}): ChannelItemData {
  return { externalId, externalOfferId: null, sku, title: `Item ${sku ?? externalId}`, variation: null, quantity, enabled: true, ...extra };
}

export function listing(externalId: string, items: ChannelItemData[]): ListingWithItems {
  return { externalId, title: `Listing ${externalId}`, state: "active", url: null, items };
}

export function order(externalId: string, lines: { lineId: string; itemId?: string; sku: string | null; quantity: number; cancelled?: boolean }[], extra: Partial<OrderData> = {}): OrderData {
  const now = new Date();
  return {
    externalId,
    orderNumber: `#${externalId}`,
    status: "paid",
    paid: true,
    cancelled: false,
    placedAt: now,
    updatedAt: now,
    currency: "USD",
    totalMinor: 1000,
    buyerName: null,
    lines: lines.map((l) => ({
      externalLineId: l.lineId,
      externalItemId: l.itemId ?? null,
      listingExternalId: null,
      sku: l.sku,
      title: "Line",
      quantity: l.quantity,
      unitPriceMinor: 1000,
      currency: "USD",
      cancelled: l.cancelled ?? false,
    })),
    ...extra,
  };
}

export async function productBySku(orgId: string, sku: string) {
  const rows = await db.select().from(products).where(eq(products.orgId, orgId));
  return rows.find((p) => p.sku === sku);
}

export async function movementsOf(productId: string) {
  return db.select().from(stockMovements).where(eq(stockMovements.productId, productId)).orderBy(stockMovements.createdAt);
}

export async function itemsOf(connectionId: string) {
  return db.select().from(channelItems).where(eq(channelItems.connectionId, connectionId));
}
