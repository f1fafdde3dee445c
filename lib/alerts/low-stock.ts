import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { db, type Tx } from "@/db/client";
import { alerts, channelItems, marketplaceConnections, memberships, organizations, products, users, type OrgSettings } from "@/db/schema";
import { enqueueEmail } from "@/lib/email";
import { env } from "@/lib/env";
import { channelName } from "@/lib/sync/types";
import { alertTransition, lowStockThreshold } from "./crossing";

export type LowStockReport = { opened: number; resolved: number; emailed: number };

/**
 * Opens one low-stock alert per product at or below its threshold, emailing the
 * organization's alert recipients once per crossing (unless it wants a daily digest),
 * and resolves alerts of products back above it. Without `productIds`, checks them all.
 */
export async function checkLowStock(orgId: string, productIds?: string[]): Promise<LowStockReport> {
  const report: LowStockReport = { opened: 0, resolved: 0, emailed: 0 };
  const [org] = await db.select().from(organizations).where(eq(organizations.id, orgId));
  if (!org || org.disabledAt) return report;
  const rows = await db
    .select({ product: products, openAlertId: alerts.id })
    .from(products)
    .leftJoin(alerts, and(eq(alerts.productId, products.id), eq(alerts.state, "open"), eq(alerts.kind, "low_stock")))
    .where(and(eq(products.orgId, orgId), isNull(products.archivedAt), productIds ? inArray(products.id, productIds) : undefined));
  for (const { product, openAlertId } of rows) {
    const threshold = lowStockThreshold(product.lowStockThreshold, org.settings.lowStockThreshold, env().LOW_STOCK_THRESHOLD);
    const transition = alertTransition(product.onHand, threshold, openAlertId !== null);
    if (transition === "resolve" && openAlertId) {
      await db.update(alerts).set({ state: "resolved", resolvedAt: sql`now()` }).where(and(eq(alerts.id, openAlertId), eq(alerts.state, "open")));
      report.resolved++;
    } else if (transition === "open") {
      const emailed = await db.transaction(async (tx) => {
        // The partial unique index allows one open alert per product: a concurrent check inserts nothing here.
        const [alert] = await tx
          .insert(alerts)
          .values({ orgId, productId: product.id, onHandAtOpen: product.onHand, threshold })
          .onConflictDoNothing()
          .returning({ id: alerts.id });
        if (!alert) return -1;
        if (org.settings.alertMode === "digest") return 0;
        return emailAlert(tx, org.id, org.settings, alert.id, { id: product.id, title: product.title, sku: product.sku, onHand: product.onHand, threshold });
      });
      if (emailed >= 0) report.opened++;
      if (emailed > 0) report.emailed += emailed;
    }
  }
  return report;
}

/** Who gets stock emails: the organization's chosen recipients, else its owners. */
export async function alertRecipients(orgId: string, settings: OrgSettings, tx: Tx | typeof db = db): Promise<string[]> {
  if (settings.alertRecipients?.length) return settings.alertRecipients;
  const owners = await tx
    .select({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), eq(memberships.role, "owner"), isNull(users.disabledAt)));
  return owners.map((o) => o.email);
}

/** What each channel currently shows for a product, for the email body. */
export async function channelQuantities(productId: string, tx: Tx | typeof db = db) {
  const rows = await tx
    .select({ marketplace: marketplaceConnections.marketplace, name: marketplaceConnections.name, title: channelItems.title, quantity: channelItems.lastSeenQuantity })
    .from(channelItems)
    .innerJoin(marketplaceConnections, eq(marketplaceConnections.id, channelItems.connectionId))
    .where(eq(channelItems.productId, productId));
  return rows.map((r) => ({ channel: channelName(r), quantity: r.quantity ?? 0 }));
}

async function emailAlert(
  tx: Tx,
  orgId: string,
  settings: OrgSettings,
  alertId: string,
  product: { id: string; title: string; sku: string; onHand: number; threshold: number },
): Promise<number> {
  const recipients = await alertRecipients(orgId, settings, tx);
  const channels = await channelQuantities(product.id, tx);
  const url = `${env().APP_URL}/products/${product.id}`;
  let sent = 0;
  for (const to of recipients) {
    const id = await enqueueEmail(tx, {
      orgId,
      to,
      template: "low-stock",
      props: { title: product.title, sku: product.sku, onHand: product.onHand, threshold: product.threshold, channels, url },
      dedupeKey: `alert:${alertId}:${to}`,
    });
    if (id) sent++;
  }
  await tx.update(alerts).set({ emailedAt: sql`now()` }).where(eq(alerts.id, alertId));
  return sent;
}
