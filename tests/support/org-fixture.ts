import { randomUUID } from "node:crypto";
import { db } from "@/db/client";
import { migrateDb } from "@/db/migrate";
import { channelItems, channelListings, marketplaceConnections, memberships, orderLines, orders, organizations, products, users, type Role } from "@/db/schema";
import { applyMovement } from "@/lib/inventory/ledger";
import type { OrgContext } from "@/lib/tenancy/context";

// Real rows in the real database, unique per call so test files can run in parallel.

export async function createOrg(name = "Shop") {
  await migrateDb();
  const slug = `t-${randomUUID().slice(0, 12)}`;
  const [org] = await db.insert(organizations).values({ name, slug }).returning();
  return org;
}

export async function memberOf(orgId: string, role: Role, name = `${role} person`): Promise<OrgContext> {
  const [user] = await db.insert(users).values({ email: `${randomUUID()}@test.local`, name }).returning();
  await db.insert(memberships).values({ orgId, userId: user.id, role });
  return { orgId, userId: user.id, role };
}

export async function createProduct(orgId: string, p: { sku?: string; title?: string; onHand?: number; reserve?: number; threshold?: number | null } = {}) {
  const [row] = await db
    .insert(products)
    .values({ orgId, sku: p.sku ?? `SKU-${randomUUID().slice(0, 8)}`, title: p.title ?? "Thing", reserve: p.reserve ?? 0, lowStockThreshold: p.threshold ?? null })
    .returning();
  if (p.onHand) {
    await db.transaction((tx) =>
      applyMovement(tx, { orgId, productId: row.id, delta: p.onHand ?? 0, reason: "import", sourceKey: `import:test:${row.id}`, actor: { type: "system" } }),
    );
  }
  return { ...row, onHand: p.onHand ?? 0 };
}

export async function createConnection(orgId: string, marketplace: "etsy" | "ebay", name = `${marketplace} shop`) {
  const [conn] = await db.insert(marketplaceConnections).values({ orgId, marketplace, externalId: randomUUID(), name }).returning();
  return conn;
}

export async function createChannelItem(
  orgId: string,
  connectionId: string,
  i: { productId?: string | null; sku?: string; title?: string; quantity?: number; pushStatus?: "in_sync" | "pending" | "failed"; pushError?: string } = {},
) {
  const ext = randomUUID();
  const [listing] = await db
    .insert(channelListings)
    .values({ orgId, connectionId, externalId: `L-${ext}`, title: i.title ?? "Listing", state: "active", url: `https://example.test/listing/${ext}` })
    .returning();
  const [item] = await db
    .insert(channelItems)
    .values({
      orgId,
      connectionId,
      listingId: listing.id,
      externalId: ext,
      sku: i.sku ?? `CH-${ext.slice(0, 8)}`,
      title: i.title ?? "Listing",
      productId: i.productId ?? null,
      lastSeenQuantity: i.quantity ?? null,
      pushStatus: i.pushStatus ?? "in_sync",
      pushError: i.pushError ?? null,
    })
    .returning();
  return item;
}

export async function createOrder(
  orgId: string,
  connectionId: string,
  o: { placedAt: Date; status?: string; currency?: string; lines: { title: string; sku?: string; productId?: string; quantity: number; unitPriceMinor: number; cancelled?: boolean }[] },
) {
  const ext = randomUUID();
  const currency = o.currency ?? "USD";
  const active = o.lines.filter((l) => !l.cancelled);
  const [order] = await db
    .insert(orders)
    .values({
      orgId,
      connectionId,
      externalId: ext,
      orderNumber: `#${ext.slice(0, 6)}`,
      status: o.status ?? "paid",
      placedAt: o.placedAt,
      externalUpdatedAt: o.placedAt,
      currency,
      totalMinor: active.reduce((n, l) => n + l.quantity * l.unitPriceMinor, 0),
    })
    .returning();
  await db.insert(orderLines).values(
    o.lines.map((l, i) => ({
      orgId,
      orderId: order.id,
      externalLineId: `${ext}-${i}`,
      productId: l.productId ?? null,
      sku: l.sku ?? null,
      title: l.title,
      quantity: l.quantity,
      unitPriceMinor: l.unitPriceMinor,
      currency,
      status: l.cancelled ? ("cancelled" as const) : ("active" as const),
    })),
  );
  return order;
}
