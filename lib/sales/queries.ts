import { and, count, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { MARKETPLACES, marketplaceConnections, orderLines, orders, organizations } from "@/db/schema";
import { NotFound } from "@/lib/errors";
import type { OrgContext } from "@/lib/tenancy/context";

// A real calendar day (2026-02-30 is not one), so a bad URL never reaches the database as a date.
const calendarDay = z.iso.date();
const day = calendarDay.optional().catch(undefined);

/** Whether a URL value is a real calendar day (YYYY-MM-DD). */
export function isDay(v: string | undefined): v is string {
  return calendarDay.safeParse(v).success;
}

/** Filters of the Sales page, as they appear in the URL. Dates are days in the org's time zone. */
export const orderListQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  channel: z.enum(MARKETPLACES).optional().catch(undefined),
  shop: z.uuid().optional().catch(undefined),
  status: z.string().trim().max(50).optional().transform((s) => s || undefined),
  from: day,
  to: day,
});
// Loose on purpose: URL values arrive as strings and bad ones fall back to defaults.
export type OrderListQuery = { [K in keyof z.input<typeof orderListQuery>]?: unknown };

async function orgTimezone(orgId: string): Promise<string> {
  const [org] = await db.select({ settings: organizations.settings }).from(organizations).where(eq(organizations.id, orgId));
  if (!org) throw new NotFound("This organization no longer exists.");
  return org.settings.timezone ?? "UTC";
}

// A day in the org's zone starts at local midnight; PostgreSQL converts it to an instant.
const dayStart = (d: string, tz: string) => sql`(${d}::date)::timestamp at time zone ${tz}`;
const dayEnd = (d: string, tz: string) => sql`((${d}::date + 1)::timestamp) at time zone ${tz}`;

function orderWhere(ctx: OrgContext, q: z.output<typeof orderListQuery>, tz: string): SQL | undefined {
  return and(
    eq(orders.orgId, ctx.orgId),
    q.channel ? eq(marketplaceConnections.marketplace, q.channel) : undefined,
    q.shop ? eq(orders.connectionId, q.shop) : undefined,
    q.status ? eq(orders.status, q.status) : undefined,
    q.from ? gte(orders.placedAt, dayStart(q.from, tz)) : undefined,
    q.to ? lt(orders.placedAt, dayEnd(q.to, tz)) : undefined,
  );
}

/** Orders across every channel, newest first, with their lines' unit count. */
export async function listOrders(ctx: OrgContext, query: OrderListQuery) {
  const q = orderListQuery.parse(query);
  const tz = await orgTimezone(ctx.orgId);
  const where = orderWhere(ctx, q, tz);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: orders.id,
        placedAt: orders.placedAt,
        orderNumber: orders.orderNumber,
        status: orders.status,
        currency: orders.currency,
        totalMinor: orders.totalMinor,
        marketplace: marketplaceConnections.marketplace,
        shopName: marketplaceConnections.name,
        units: sql<number>`(select coalesce(sum(${orderLines.quantity}), 0)::int from ${orderLines} where ${orderLines.orderId} = ${orders.id})`,
        items: sql<string>`(select string_agg(${orderLines.title}, ', ' order by ${orderLines.title}) from ${orderLines} where ${orderLines.orderId} = ${orders.id})`,
      })
      .from(orders)
      .innerJoin(marketplaceConnections, eq(marketplaceConnections.id, orders.connectionId))
      .where(where)
      .orderBy(desc(orders.placedAt), desc(orders.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ total: count() }).from(orders).innerJoin(marketplaceConnections, eq(marketplaceConnections.id, orders.connectionId)).where(where),
  ]);
  return { rows, total, page: q.page, pageSize: q.pageSize };
}

/** Statuses seen in this org's orders, for the status filter. */
export async function listOrderStatuses(ctx: OrgContext): Promise<string[]> {
  const rows = await db.selectDistinct({ status: orders.status }).from(orders).where(eq(orders.orgId, ctx.orgId)).orderBy(orders.status);
  return rows.map((r) => r.status);
}

export async function getOrder(ctx: OrgContext, orderId: string) {
  if (!z.uuid().safeParse(orderId).success) throw new NotFound("That order does not exist.");
  const [order] = await db
    .select({
      id: orders.id,
      placedAt: orders.placedAt,
      orderNumber: orders.orderNumber,
      externalId: orders.externalId,
      status: orders.status,
      currency: orders.currency,
      totalMinor: orders.totalMinor,
      buyerName: orders.buyerName,
      marketplace: marketplaceConnections.marketplace,
      shopName: marketplaceConnections.name,
    })
    .from(orders)
    .innerJoin(marketplaceConnections, eq(marketplaceConnections.id, orders.connectionId))
    .where(and(eq(orders.id, orderId), eq(orders.orgId, ctx.orgId)));
  if (!order) throw new NotFound("That order does not exist.");
  const lines = await db
    .select({
      id: orderLines.id,
      sku: orderLines.sku,
      title: orderLines.title,
      quantity: orderLines.quantity,
      unitPriceMinor: orderLines.unitPriceMinor,
      currency: orderLines.currency,
      status: orderLines.status,
      productId: orderLines.productId,
    })
    .from(orderLines)
    .where(and(eq(orderLines.orderId, orderId), eq(orderLines.orgId, ctx.orgId)))
    .orderBy(orderLines.title);
  return { ...order, lines };
}

/** Recent orders containing this product (the product page). */
export async function listOrdersForProduct(ctx: OrgContext, productId: string, limit = 10) {
  return db
    .select({
      orderId: orders.id,
      placedAt: orders.placedAt,
      orderNumber: orders.orderNumber,
      status: orders.status,
      marketplace: marketplaceConnections.marketplace,
      shopName: marketplaceConnections.name,
      quantity: orderLines.quantity,
      unitPriceMinor: orderLines.unitPriceMinor,
      currency: orderLines.currency,
      lineStatus: orderLines.status,
    })
    .from(orderLines)
    .innerJoin(orders, eq(orders.id, orderLines.orderId))
    .innerJoin(marketplaceConnections, eq(marketplaceConnections.id, orders.connectionId))
    .where(and(eq(orderLines.orgId, ctx.orgId), eq(orderLines.productId, productId)))
    .orderBy(desc(orders.placedAt))
    .limit(limit);
}

export const salesRangeQuery = z.object({ from: calendarDay, to: calendarDay });

/** Default chart range: the last 30 days, in the org's zone. */
export function defaultRange(now = new Date()): { from: string; to: string } {
  const to = now.toISOString().slice(0, 10);
  const from = new Date(now.getTime() - 29 * 86_400_000).toISOString().slice(0, 10);
  return { from, to };
}

/**
 * Revenue (from active lines, in each currency) and units per org-local day and channel.
 * Cancelled lines count for neither.
 */
export async function salesByDay(ctx: OrgContext, range: z.input<typeof salesRangeQuery>) {
  const r = salesRangeQuery.parse(range);
  const tz = await orgTimezone(ctx.orgId);
  const localDay = sql<string>`to_char(${orders.placedAt} at time zone ${tz}, 'YYYY-MM-DD')`;
  return db
    .select({
      day: localDay,
      marketplace: marketplaceConnections.marketplace,
      currency: orderLines.currency,
      revenueMinor: sql<number>`sum(${orderLines.quantity} * ${orderLines.unitPriceMinor})::int`,
      units: sql<number>`sum(${orderLines.quantity})::int`,
    })
    .from(orderLines)
    .innerJoin(orders, eq(orders.id, orderLines.orderId))
    .innerJoin(marketplaceConnections, eq(marketplaceConnections.id, orders.connectionId))
    .where(
      and(
        eq(orderLines.orgId, ctx.orgId),
        eq(orderLines.status, "active"),
        gte(orders.placedAt, dayStart(r.from, tz)),
        lt(orders.placedAt, dayEnd(r.to, tz)),
      ),
    )
    // By position: the time zone is a bound parameter, so the expression would not match itself.
    .groupBy(sql`1`, sql`2`, sql`3`)
    .orderBy(sql`1`);
}

/** Best sellers by units in the range. */
export async function topProducts(ctx: OrgContext, range: z.input<typeof salesRangeQuery>, limit = 10) {
  const r = salesRangeQuery.parse(range);
  const tz = await orgTimezone(ctx.orgId);
  const key = sql<string>`coalesce(${orderLines.sku}, ${orderLines.title})`;
  return db
    .select({
      key,
      title: sql<string>`min(${orderLines.title})`,
      productId: sql<string | null>`(array_agg(${orderLines.productId}) filter (where ${orderLines.productId} is not null))[1]`,
      currency: orderLines.currency,
      units: sql<number>`sum(${orderLines.quantity})::int`,
      revenueMinor: sql<number>`sum(${orderLines.quantity} * ${orderLines.unitPriceMinor})::int`,
    })
    .from(orderLines)
    .innerJoin(orders, eq(orders.id, orderLines.orderId))
    .where(
      and(
        eq(orderLines.orgId, ctx.orgId),
        eq(orderLines.status, "active"),
        gte(orders.placedAt, dayStart(r.from, tz)),
        lt(orders.placedAt, dayEnd(r.to, tz)),
      ),
    )
    .groupBy(key, orderLines.currency)
    .orderBy(desc(sql`sum(${orderLines.quantity})`), key)
    .limit(limit);
}

/** Shops for the shop filter. */
export async function listShops(ctx: OrgContext) {
  return db
    .select({ id: marketplaceConnections.id, name: marketplaceConnections.name, marketplace: marketplaceConnections.marketplace })
    .from(marketplaceConnections)
    .where(eq(marketplaceConnections.orgId, ctx.orgId))
    .orderBy(marketplaceConnections.marketplace, marketplaceConnections.name);
}

