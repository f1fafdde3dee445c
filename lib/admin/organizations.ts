import { and, count, desc, eq, ilike, inArray, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import { db } from "@/db/client";
import {
  alerts,
  auditEvents,
  marketplaceConnections,
  memberships,
  orders,
  organizations,
  products,
  stockMovements,
  syncRuns,
  users,
} from "@/db/schema";
import { Conflict, NotFound } from "@/lib/errors";
import { requestSync } from "@/lib/sync/triggers";
import { auditAdminAction } from "./audit";
import type { AdminContext } from "./context";
import { containsPattern, offsetFor, outer, PAGE_SIZE, toPage, type Page } from "./paging";
import type { OrgListQuery } from "./schemas";

const toDate = (v: unknown) => (v == null ? null : new Date(v as string));

// The facts are correlated subqueries evaluated for the page's rows only, each one an
// index lookup on (org_id, ...): the list costs the same with 10 or 10,000 tenants.
const orgId = outer(organizations.id);
const facts = {
  members: sql<number>`(select count(*)::int from ${memberships} where ${memberships.orgId} = ${orgId})`,
  connections: sql<number>`(select count(*)::int from ${marketplaceConnections} where ${marketplaceConnections.orgId} = ${orgId})`,
  products: sql<number>`(select count(*)::int from ${products} where ${products.orgId} = ${orgId})`,
  orders: sql<number>`(select count(*)::int from ${orders} where ${orders.orgId} = ${orgId})`,
  lastActivityAt: sql<Date | null>`greatest(
    (select max(${syncRuns.startedAt}) from ${syncRuns} where ${syncRuns.orgId} = ${orgId}),
    (select max(${stockMovements.createdAt}) from ${stockMovements} where ${stockMovements.orgId} = ${orgId}),
    (select max(${auditEvents.at}) from ${auditEvents} where ${auditEvents.orgId} = ${orgId})
  )`.mapWith(toDate),
};

function orgFilter(q: OrgListQuery): SQL | undefined {
  const conds: SQL[] = [];
  if (q.status === "active") conds.push(isNull(organizations.disabledAt));
  if (q.status === "disabled") conds.push(isNotNull(organizations.disabledAt));
  if (q.q) {
    const pattern = containsPattern(q.q);
    // A semi-join computed once, not a lookup per organization.
    const byMember = inArray(
      organizations.id,
      db.select({ orgId: memberships.orgId }).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(ilike(users.email, pattern)),
    );
    const match = or(ilike(organizations.name, pattern), ilike(organizations.slug, pattern), byMember);
    if (match) conds.push(match);
  }
  return conds.length ? and(...conds) : undefined;
}

export async function listOrganizations(q: OrgListQuery) {
  const where = orgFilter(q);
  const order = [desc(organizations.createdAt), desc(organizations.id)];
  // Pick the page's ids first, so the facts are computed for 50 rows and not for every
  // row an OFFSET skips.
  const pageIds = db.select({ id: organizations.id }).from(organizations).where(where).orderBy(...order).limit(PAGE_SIZE).offset(offsetFor(q.page)).as("page_ids");
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: organizations.id,
        name: organizations.name,
        slug: organizations.slug,
        createdAt: organizations.createdAt,
        disabledAt: organizations.disabledAt,
        disabledReason: organizations.disabledReason,
        ...facts,
      })
      .from(pageIds)
      .innerJoin(organizations, eq(organizations.id, pageIds.id))
      .orderBy(...order),
    db.select({ total: count() }).from(organizations).where(where),
  ]);
  return toPage(rows, total, q.page);
}
export type OrgListRow = Awaited<ReturnType<typeof listOrganizations>> extends Page<infer R> ? R : never;

/** Everything an admin needs to help a tenant, read-only. Token columns are never selected. */
export async function getOrganizationDetail(orgId: string) {
  const [org] = await db.select().from(organizations).where(eq(organizations.id, orgId)).limit(1);
  if (!org) throw new NotFound("No organization with that id.");
  const [members, connections, runs, openAlerts, events] = await Promise.all([
    db
      .select({ userId: users.id, email: users.email, name: users.name, role: memberships.role, joinedAt: memberships.createdAt, disabledAt: users.disabledAt })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.orgId, orgId))
      .orderBy(memberships.createdAt),
    db
      .select({
        id: marketplaceConnections.id,
        marketplace: marketplaceConnections.marketplace,
        name: marketplaceConnections.name,
        externalId: marketplaceConnections.externalId,
        status: marketplaceConnections.status,
        lastSuccessAt: marketplaceConnections.lastSuccessAt,
        lastError: marketplaceConnections.lastError,
        lastErrorAt: marketplaceConnections.lastErrorAt,
        createdAt: marketplaceConnections.createdAt,
      })
      .from(marketplaceConnections)
      .where(eq(marketplaceConnections.orgId, orgId))
      .orderBy(marketplaceConnections.createdAt),
    db
      .select({
        id: syncRuns.id,
        connectionId: syncRuns.connectionId,
        connectionName: marketplaceConnections.name,
        marketplace: marketplaceConnections.marketplace,
        kind: syncRuns.kind,
        status: syncRuns.status,
        trigger: syncRuns.trigger,
        startedAt: syncRuns.startedAt,
        finishedAt: syncRuns.finishedAt,
        errorClass: syncRuns.errorClass,
        error: syncRuns.error,
      })
      .from(syncRuns)
      .innerJoin(marketplaceConnections, eq(marketplaceConnections.id, syncRuns.connectionId))
      .where(eq(syncRuns.orgId, orgId))
      .orderBy(desc(syncRuns.startedAt))
      .limit(20),
    db
      .select({ id: alerts.id, state: alerts.state, sku: products.sku, title: products.title, onHandAtOpen: alerts.onHandAtOpen, threshold: alerts.threshold, openedAt: alerts.openedAt, resolvedAt: alerts.resolvedAt })
      .from(alerts)
      .innerJoin(products, eq(products.id, alerts.productId))
      .where(eq(alerts.orgId, orgId))
      .orderBy(desc(alerts.openedAt))
      .limit(20),
    db
      .select({ id: auditEvents.id, action: auditEvents.action, actorType: auditEvents.actorType, actorEmail: users.email, targetType: auditEvents.targetType, targetId: auditEvents.targetId, at: auditEvents.at })
      .from(auditEvents)
      .leftJoin(users, eq(users.id, auditEvents.actorUserId))
      .where(eq(auditEvents.orgId, orgId))
      .orderBy(desc(auditEvents.at))
      .limit(20),
  ]);
  return { org, members, connections, runs, alerts: openAlerts, events };
}

/**
 * Disabled organizations keep all their data; sign-in explains why (disabled_reason) and
 * the sync engine skips them. Re-enabling clears both.
 */
export async function disableOrganization(admin: AdminContext, input: { orgId: string; reason: string }) {
  return db.transaction(async (tx) => {
    const [org] = await tx.select().from(organizations).where(eq(organizations.id, input.orgId)).for("update");
    if (!org) throw new NotFound("No organization with that id.");
    if (org.disabledAt) throw new Conflict("This organization is already disabled.");
    const [updated] = await tx
      .update(organizations)
      .set({ disabledAt: new Date(), disabledReason: input.reason })
      .where(eq(organizations.id, org.id))
      .returning();
    await auditAdminAction(tx, admin, {
      action: "org.disabled",
      orgId: org.id,
      targetType: "organization",
      targetId: org.id,
      before: { disabledAt: null, disabledReason: org.disabledReason },
      after: { disabledAt: updated.disabledAt, disabledReason: updated.disabledReason },
    });
    return updated;
  });
}

export async function enableOrganization(admin: AdminContext, input: { orgId: string }) {
  return db.transaction(async (tx) => {
    const [org] = await tx.select().from(organizations).where(eq(organizations.id, input.orgId)).for("update");
    if (!org) throw new NotFound("No organization with that id.");
    if (!org.disabledAt) throw new Conflict("This organization is already enabled.");
    const [updated] = await tx.update(organizations).set({ disabledAt: null, disabledReason: null }).where(eq(organizations.id, org.id)).returning();
    await auditAdminAction(tx, admin, {
      action: "org.enabled",
      orgId: org.id,
      targetType: "organization",
      targetId: org.id,
      before: { disabledAt: org.disabledAt, disabledReason: org.disabledReason },
      after: { disabledAt: null, disabledReason: null },
    });
    return updated;
  });
}

/** "Sync now" on a tenant's connection, on the admin's behalf. */
export async function triggerConnectionSync(admin: AdminContext, input: { connectionId: string }) {
  const conn = await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: marketplaceConnections.id, orgId: marketplaceConnections.orgId, status: marketplaceConnections.status, orgDisabledAt: organizations.disabledAt })
      .from(marketplaceConnections)
      .innerJoin(organizations, eq(organizations.id, marketplaceConnections.orgId))
      .where(eq(marketplaceConnections.id, input.connectionId));
    if (!row) throw new NotFound("No connection with that id.");
    if (row.orgDisabledAt) throw new Conflict("This organization is disabled: enable it before syncing its shops.");
    if (row.status !== "active") throw new Conflict(`This connection is ${row.status.replace("_", " ")}: the seller must reconnect the shop before it can sync.`);
    await auditAdminAction(tx, admin, { action: "sync.triggered", orgId: row.orgId, targetType: "connection", targetId: row.id, after: { trigger: "admin" } });
    return row;
  });
  await requestSync(conn.id, "admin");
  return conn;
}
