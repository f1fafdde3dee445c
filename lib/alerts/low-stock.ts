import { and, eq, isNull, sql } from "drizzle-orm";
import { inSet } from "@/db/sets";
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
    .select({ product: products, openAlertId: alerts.id, emailedAt: alerts.emailedAt })
    .from(products)
    .leftJoin(alerts, and(eq(alerts.productId, products.id), eq(alerts.state, "open"), eq(alerts.kind, "low_stock")))
    .where(and(eq(products.orgId, orgId), isNull(products.archivedAt), productIds ? sql`${products.id} in ${inSet(productIds, "uuid")}` : undefined));
  // Alerts opened now, plus any opened earlier whose email never went out (a crash between the two).
  const unsent: Unsent[] = [];
  const toResolve: string[] = [];
  const toOpen: Unsent["product"][] = [];
  for (const { product, openAlertId, emailedAt } of rows) {
    const threshold = lowStockThreshold(product.lowStockThreshold, org.settings.lowStockThreshold, env().LOW_STOCK_THRESHOLD);
    const transition = alertTransition(product.onHand, threshold, openAlertId !== null);
    const summary = { id: product.id, title: product.title, sku: product.sku, onHand: product.onHand, threshold };
    if (transition === "resolve" && openAlertId) toResolve.push(openAlertId);
    else if (transition === "open") toOpen.push(summary);
    else if (openAlertId && !emailedAt && transition === "none") unsent.push({ alertId: openAlertId, product: summary });
  }
  // One statement each however many products a first import brings in at once.
  if (toResolve.length > 0) {
    const resolved = await db
      .update(alerts)
      .set({ state: "resolved", resolvedAt: sql`now()` })
      .where(and(sql`${alerts.id} in ${inSet(toResolve, "uuid")}`, eq(alerts.state, "open")))
      .returning({ id: alerts.id });
    report.resolved += resolved.length;
  }
  if (toOpen.length > 0) {
    // The partial unique index allows one open alert per product: a concurrent check inserts nothing for it here.
    const opened: { id: string; productId: string }[] = [];
    // Chunks stay far below PostgreSQL's 65,535 parameters per statement.
    for (let i = 0; i < toOpen.length; i += 2000) {
      const chunk = toOpen.slice(i, i + 2000).map((p) => ({ orgId, productId: p.id, onHandAtOpen: p.onHand, threshold: p.threshold }));
      opened.push(...(await db.insert(alerts).values(chunk).onConflictDoNothing().returning({ id: alerts.id, productId: alerts.productId })));
    }
    const byProduct = new Map(toOpen.map((p) => [p.id, p]));
    for (const a of opened) {
      const product = byProduct.get(a.productId);
      if (!product) continue;
      report.opened++;
      unsent.push({ alertId: a.id, product });
    }
  }
  // Digest organizations hear about alerts once a day (lib/alerts/sweeps.ts).
  if (unsent.length === 0 || org.settings.alertMode === "digest") return report;
  report.emailed = unsent.length > BATCH_AS_ONE_EMAIL ? await emailBatch(org.id, org.settings, unsent) : await emailEach(org.id, org.settings, unsent);
  return report;
}

type Unsent = { alertId: string; product: { id: string; title: string; sku: string; onHand: number; threshold: number } };

// Several products crossing in one check (a first import's opening balance, a CSV import)
// make one summary email, not one email per product arriving in the same second.
const BATCH_AS_ONE_EMAIL = 1;

async function emailEach(orgId: string, settings: OrgSettings, unsent: Unsent[]): Promise<number> {
  let sent = 0;
  for (const u of unsent) sent += await db.transaction((tx) => emailAlert(tx, orgId, settings, u.alertId, u.product));
  return sent;
}

async function emailBatch(orgId: string, settings: OrgSettings, unsent: Unsent[]): Promise<number> {
  return db.transaction(async (tx) => {
    let sent = 0;
    const items = unsent.map((u) => ({ title: u.product.title, sku: u.product.sku, onHand: u.product.onHand, threshold: u.product.threshold }));
    const key = unsent.map((u) => u.alertId).sort()[0];
    for (const to of await alertRecipients(orgId, settings, tx)) {
      const id = await enqueueEmail(tx, { orgId, to, template: "low-stock-digest", props: { items, url: lowStockUrl() }, dedupeKey: `alerts:${key}:${unsent.length}:${to}` });
      if (id) sent++;
    }
    await tx.update(alerts).set({ emailedAt: sql`now()` }).where(sql`${alerts.id} in ${inSet(unsent.map((u) => u.alertId), "uuid")}`);
    return sent;
  });
}

/** Where a low-stock email's button goes: the inventory, filtered to products at or below their threshold. */
export function lowStockUrl(): string {
  return `${env().APP_URL}/inventory?filter=low`;
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
