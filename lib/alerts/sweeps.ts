import { and, eq, gte, isNull, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { inSet } from "@/db/sets";
import { alerts, marketplaceConnections, orders, organizations, products } from "@/db/schema";
import { enqueueEmail } from "@/lib/email";
import { env } from "@/lib/env";
import { channelName } from "@/lib/sync/types";
import { alertRecipients, checkLowStock, digestItems, lowStockUrl } from "./low-stock";

/** The periodic safety net: every enabled organization's products against their thresholds. */
export async function checkLowStockEverywhere() {
  const orgs = await db.select({ id: organizations.id }).from(organizations).where(isNull(organizations.disabledAt));
  let opened = 0;
  for (const org of orgs) opened += (await checkLowStock(org.id)).opened;
  return { orgs: orgs.length, opened };
}

const DAY_MS = 24 * 3600_000;

/**
 * Daily emails: the low-stock digest for organizations that chose it, and the new-orders
 * summary for those that turned it on. Keyed by UTC day, so running it twice sends once.
 */
export async function sendDailyEmails(now: Date) {
  const day = now.toISOString().slice(0, 10);
  const orgs = await db.select().from(organizations).where(isNull(organizations.disabledAt));
  let sent = 0;
  for (const org of orgs) {
    if (org.settings.alertMode === "digest") sent += await sendDigest(org.id, org.settings, day);
    if (org.settings.dailyOrderSummary) sent += await sendOrdersSummary(org.id, org.settings, day, now);
  }
  return { sent };
}

async function sendDigest(orgId: string, settings: Parameters<typeof alertRecipients>[1], day: string) {
  const open = await db
    .select({ alertId: alerts.id, title: products.title, sku: products.sku, onHand: products.onHand, threshold: alerts.threshold })
    .from(alerts)
    .innerJoin(products, eq(products.id, alerts.productId))
    .where(and(eq(alerts.orgId, orgId), eq(alerts.state, "open"), isNull(alerts.emailedAt)));
  if (open.length === 0) return 0;
  return db.transaction(async (tx) => {
    let sent = 0;
    const items = digestItems(open);
    for (const to of await alertRecipients(orgId, settings, tx)) {
      const id = await enqueueEmail(tx, { orgId, to, template: "low-stock-digest", props: { items, total: open.length, url: lowStockUrl() }, dedupeKey: `digest:${orgId}:${day}:${to}` });
      if (id) sent++;
    }
    await tx.update(alerts).set({ emailedAt: sql`now()` }).where(inSet(alerts.id, open.map((o) => o.alertId), "uuid"));
    return sent;
  });
}

async function sendOrdersSummary(orgId: string, settings: Parameters<typeof alertRecipients>[1], day: string, now: Date) {
  const rows = await db
    .select({ marketplace: marketplaceConnections.marketplace, name: marketplaceConnections.name, count: sql<number>`count(*)::int`, totalMinor: sql<number>`coalesce(sum(${orders.totalMinor}), 0)::int`, currency: sql<string>`min(${orders.currency})` })
    .from(orders)
    .innerJoin(marketplaceConnections, eq(marketplaceConnections.id, orders.connectionId))
    .where(and(eq(orders.orgId, orgId), gte(orders.placedAt, new Date(now.getTime() - DAY_MS))))
    .groupBy(marketplaceConnections.marketplace, marketplaceConnections.name);
  const channels = rows.map((r) => ({ channel: channelName(r), orders: r.count, totalMinor: r.totalMinor, currency: r.currency }));
  let sent = 0;
  for (const to of await alertRecipients(orgId, settings)) {
    const id = await enqueueEmail(db, { orgId, to, template: "orders-summary", props: { day, channels, url: `${env().APP_URL}/sales` }, dedupeKey: `orders-summary:${orgId}:${day}:${to}` });
    if (id) sent++;
  }
  return sent;
}
