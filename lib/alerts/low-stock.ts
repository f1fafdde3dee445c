import { and, eq, isNull, sql } from "drizzle-orm";
import { inSet, records, rowsOf } from "@/db/sets";
import { db, type Tx } from "@/db/client";
import { alerts, channelItems, marketplaceConnections, memberships, users, type OrgSettings } from "@/db/schema";
import { enqueueEmail } from "@/lib/email";
import { relativesCte } from "@/lib/inventory/bundle-stock";
import { env } from "@/lib/env";
import { channelName } from "@/lib/sync/types";
import { alertTransition, lowStockThreshold } from "./crossing";

export type LowStockReport = { opened: number; resolved: number; emailed: number };

/**
 * Opens one low-stock alert per product at or below its threshold, emailing the
 * organization's alert recipients once per crossing (unless it wants a daily digest),
 * and resolves alerts of products back above it. Without `productIds`, checks them all.
 */
export async function checkLowStock(orgId: string, changed?: string[]): Promise<LowStockReport> {
  const report: LowStockReport = { opened: 0, resolved: 0, emailed: 0 };
  if (changed?.length === 0) return report;
  // The bundles a component's change moved (and the components a bundle sale moved) cross
  // thresholds too. Given ids (a first import passes tens of thousands), the statement is driven
  // from the list into the primary key, and each product into its open alert through the
  // one-open-alert index: linear whatever the planner knows about freshly written tables (a join
  // it may choose on made-up estimates rescans every open alert per product).
  const source = changed ? sql`relatives ids cross join lateral (select * from products p where p.id = ids.id offset 0) p` : sql`products p`;
  // One statement with the organization's row (a row with null product columns when none is
  // low or has an alert): a stock edit pays one round trip here, not three.
  const found = rowsOf<{ settings: OrgSettings; disabled_at: unknown; id: string | null; title: string; sku: string; on_hand: number; low_stock_threshold: number | null; alert_id: string | null; emailed_at: unknown }>(
    await db.execute(sql`
      ${changed ? sql`with recursive ${relativesCte(orgId, changed)}` : sql``}
      select o.settings, o.disabled_at, x.*
      from organizations o
      left join lateral (
        select p.id, p.title, p.sku, p.on_hand, p.low_stock_threshold, a.id as alert_id, a.emailed_at
        from ${source}
        left join lateral (select a.id, a.emailed_at from alerts a where a.product_id = p.id and a.state = 'open' and a.kind = 'low_stock' offset 0) a on true
        where p.org_id = o.id and p.archived_at is null) x on true
      where o.id = ${orgId}`),
  );
  const org = found[0];
  if (!org || org.disabled_at) return report;
  const settings = org.settings ?? {};
  const rows = found
    .filter((r) => r.id !== null)
    .map((r) => ({
      product: { id: r.id as string, title: r.title, sku: r.sku, onHand: Number(r.on_hand), lowStockThreshold: r.low_stock_threshold === null ? null : Number(r.low_stock_threshold) },
      openAlertId: r.alert_id,
      emailedAt: r.emailed_at ?? null,
    }));
  // Alerts opened now, plus any opened earlier whose email never went out (a crash between the two).
  const unsent: Unsent[] = [];
  const toResolve: string[] = [];
  const toOpen: Unsent["product"][] = [];
  for (const { product, openAlertId, emailedAt } of rows) {
    const threshold = lowStockThreshold(product.lowStockThreshold, settings.lowStockThreshold, env().LOW_STOCK_THRESHOLD);
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
      .where(and(inSet(alerts.id, toResolve, "uuid"), eq(alerts.state, "open")))
      .returning({ id: alerts.id });
    report.resolved += resolved.length;
  }
  if (toOpen.length > 0) {
    // The partial unique index allows one open alert per product: a concurrent check inserts nothing for it here.
    // One statement however many: the rows travel as one jsonb value.
    const opened = rowsOf<{ id: string; product_id: string }>(
      await db.execute(sql`
        insert into alerts (org_id, product_id, on_hand_at_open, threshold)
        select ${orgId}, v.product_id, v.on_hand, v.threshold
        from jsonb_to_recordset(${records(toOpen.map((p) => ({ product_id: p.id, on_hand: p.onHand, threshold: p.threshold })))}) as v(product_id uuid, on_hand int, threshold int)
        on conflict do nothing
        returning id, product_id`),
    );
    const byProduct = new Map(toOpen.map((p) => [p.id, p]));
    for (const a of opened) {
      const product = byProduct.get(a.product_id);
      if (!product) continue;
      report.opened++;
      unsent.push({ alertId: a.id, product });
    }
  }
  // Digest organizations hear about alerts once a day (lib/alerts/sweeps.ts).
  if (unsent.length === 0 || settings.alertMode === "digest") return report;
  report.emailed = unsent.length > BATCH_AS_ONE_EMAIL ? await emailBatch(orgId, settings, unsent) : await emailEach(orgId, settings, unsent);
  return report;
}

type Unsent = { alertId: string; product: { id: string; title: string; sku: string; onHand: number; threshold: number } };

// Several products crossing in one check (a first import's opening balance, a CSV import)
// make one summary email, not one email per product arriving in the same second.
const BATCH_AS_ONE_EMAIL = 1;
// ...naming the lowest 100 of them (rendering thousands of rows took seconds and makes an unreadable email).
const DIGEST_ITEMS = 100;

type DigestItem = { title: string; sku: string; onHand: number; threshold: number };

/** The products a digest email names: the lowest first, at most DIGEST_ITEMS (its `total` counts them all). */
export function digestItems(products: readonly DigestItem[]): DigestItem[] {
  return [...products]
    .sort((a, b) => a.onHand - b.onHand)
    .slice(0, DIGEST_ITEMS)
    .map((p) => ({ title: p.title, sku: p.sku, onHand: p.onHand, threshold: p.threshold }));
}

async function emailEach(orgId: string, settings: OrgSettings, unsent: Unsent[]): Promise<number> {
  let sent = 0;
  for (const u of unsent) sent += await db.transaction((tx) => emailAlert(tx, orgId, settings, u.alertId, u.product));
  return sent;
}

async function emailBatch(orgId: string, settings: OrgSettings, unsent: Unsent[]): Promise<number> {
  return db.transaction(async (tx) => {
    let sent = 0;
    const items = digestItems(unsent.map((u) => u.product));
    const key = unsent.map((u) => u.alertId).sort()[0];
    for (const to of await alertRecipients(orgId, settings, tx)) {
      const id = await enqueueEmail(tx, { orgId, to, template: "low-stock-digest", props: { items, total: unsent.length, url: lowStockUrl() }, dedupeKey: `alerts:${key}:${unsent.length}:${to}` });
      if (id) sent++;
    }
    await tx.update(alerts).set({ emailedAt: sql`now()` }).where(inSet(alerts.id, unsent.map((u) => u.alertId), "uuid"));
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
