import { randomUUID } from "node:crypto";
import { is } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { beforeAll, describe, expect, it } from "vitest";
import { db, type DbOrTx } from "@/db/client";
import { migrateDb } from "@/db/migrate";
import * as schema from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { enqueueEmail } from "@/lib/email";
import { tenantWhere, type TenantTable } from "@/lib/tenancy";
import { newSeller } from "./helpers";

// Every table in db/schema with an org_id column, found from the schema itself: a table
// added later is covered (and fails here until it gets a row in seedTenant).
const tenantTables = (Object.values(schema) as unknown[])
  .filter((v): v is PgTable => is(v, PgTable))
  .filter((t) => getTableConfig(t).columns.some((c) => c.name === "org_id"));

type Seeded = Map<string, string[]>;

/** One row in every tenant table for orgId, through the real lib functions where they exist. */
async function seedTenant(tx: DbOrTx, orgId: string, userId: string): Promise<Seeded> {
  const s = schema;
  const ids: Seeded = new Map();
  const add = (t: PgTable, id: string) => ids.set(getTableConfig(t).name, [...(ids.get(getTableConfig(t).name) ?? []), id]);
  const tag = randomUUID().slice(0, 8);
  const [conn] = await tx.insert(s.marketplaceConnections).values({ orgId, marketplace: "etsy", externalId: `shop-${tag}`, name: "Shop" }).returning();
  add(s.marketplaceConnections, conn.id);
  const [product] = await tx.insert(s.products).values({ orgId, sku: `SKU-${tag}`, title: "Mug" }).returning();
  add(s.products, product.id);
  const [listing] = await tx.insert(s.channelListings).values({ orgId, connectionId: conn.id, externalId: `L-${tag}`, title: "Mug", state: "active" }).returning();
  add(s.channelListings, listing.id);
  const [item] = await tx.insert(s.channelItems).values({ orgId, connectionId: conn.id, listingId: listing.id, externalId: `P-${tag}`, sku: `SKU-${tag}`, title: "Mug", productId: product.id }).returning();
  add(s.channelItems, item.id);
  const [intent] = await tx.insert(s.pushIntents).values({ orgId, connectionId: conn.id, channelItemId: item.id, quantity: 3, sentAt: new Date() }).returning();
  add(s.pushIntents, intent.id);
  const now = new Date();
  const [observation] = await tx
    .insert(s.channelObservations)
    .values({ orgId, connectionId: conn.id, channelItemId: item.id, quantity: 2, readFrom: now, readTo: now, prevQuantity: 3, prevFrom: now, prevTo: now })
    .returning();
  add(s.channelObservations, observation.id);
  const [order] = await tx
    .insert(s.orders)
    .values({ orgId, connectionId: conn.id, externalId: `O-${tag}`, orderNumber: tag, status: "paid", placedAt: new Date(), externalUpdatedAt: new Date(), currency: "USD", totalMinor: 1200 })
    .returning();
  add(s.orders, order.id);
  const [line] = await tx
    .insert(s.orderLines)
    .values({ orgId, orderId: order.id, externalLineId: `T-${tag}`, productId: product.id, sku: `SKU-${tag}`, title: "Mug", quantity: 1, unitPriceMinor: 1200, currency: "USD" })
    .returning();
  add(s.orderLines, line.id);
  const [movement] = await tx
    .insert(s.stockMovements)
    .values({ orgId, productId: product.id, delta: 3, onHandAfter: 3, reason: "manual", sourceKey: `manual:${randomUUID()}`, actorType: "user", actorId: userId })
    .returning();
  add(s.stockMovements, movement.id);
  const [part] = await tx.insert(s.products).values({ orgId, sku: `PART-${tag}`, title: "Candle" }).returning();
  const [component] = await tx.insert(s.bundleComponents).values({ orgId, bundleId: product.id, componentId: part.id, quantity: 2 }).returning();
  add(s.bundleComponents, component.id);
  const [run] = await tx.insert(s.syncRuns).values({ orgId, connectionId: conn.id, kind: "orders" }).returning();
  add(s.syncRuns, run.id);
  const [alert] = await tx.insert(s.alerts).values({ orgId, productId: product.id, onHandAtOpen: 1, threshold: 5 }).returning();
  add(s.alerts, alert.id);
  const [invite] = await tx.insert(s.invitations).values({ orgId, email: `x-${tag}@example.test`, role: "viewer", tokenHash: `h-${tag}`, expiresAt: new Date(Date.now() + 3600_000) }).returning();
  add(s.invitations, invite.id);
  const [state] = await tx.insert(s.oauthStates).values({ stateHash: `st-${tag}`, orgId, userId, marketplace: "etsy", expiresAt: new Date(Date.now() + 600_000) }).returning();
  add(s.oauthStates, state.stateHash);
  const emailId = await enqueueEmail(tx, { orgId, to: `x-${tag}@example.test`, template: "password-reset", props: { name: null, url: "http://localhost/x" } });
  if (emailId) add(s.emailOutbox, emailId);
  await recordAudit(tx, { orgId, actor: { type: "user", userId }, action: "stock.manual_edit", target: { type: "product", id: product.id } });
  return ids;
}

function rowId(table: PgTable, row: Record<string, unknown>): string {
  const pk = getTableConfig(table).columns.find((c) => c.primary);
  const key = Object.entries(table).find(([, col]) => col === pk)?.[0] ?? "id";
  return String(row[key]);
}

describe("tenancy guard", () => {
  let seededA: Seeded;
  let orgA: string;
  let orgB: string;
  let seededB: Seeded;

  beforeAll(async () => {
    await migrateDb();
    const a = await newSeller("tenant-a");
    const b = await newSeller("tenant-b");
    orgA = a.org.id;
    orgB = b.org.id;
    seededA = await db.transaction((tx) => seedTenant(tx, orgA, a.user.id));
    seededB = await db.transaction((tx) => seedTenant(tx, orgB, b.user.id));
  });

  it("finds the tenant tables in the schema", () => {
    expect(tenantTables.length).toBeGreaterThanOrEqual(14);
  });

  it.each(tenantTables.map((t) => [getTableConfig(t).name, t] as const))("%s: a query for org B never returns org A's rows", async (name, table) => {
    expect("orgId" in table, `${name}.org_id must be the orgId property so tenantWhere can scope it`).toBe(true);
    const tenant = table as TenantTable;
    const forB = (await db.select().from(tenant).where(tenantWhere({ orgId: orgB }, tenant))) as Record<string, unknown>[];
    const forA = (await db.select().from(tenant).where(tenantWhere({ orgId: orgA }, tenant))) as Record<string, unknown>[];
    // The test can fail: both orgs own rows in this table.
    expect(forA.length, `seedTenant must create a row in ${name}`).toBeGreaterThan(0);
    expect(forB.length).toBeGreaterThan(0);
    expect(forB.every((r) => r.orgId === orgB)).toBe(true);
    const idsForB = new Set(forB.map((r) => rowId(table, r)));
    for (const id of seededA.get(name) ?? []) expect(idsForB.has(id)).toBe(false);
    for (const id of seededB.get(name) ?? []) expect(idsForB.has(id)).toBe(true);
  });
});
