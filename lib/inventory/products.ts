import type { Marketplace } from "@/db/schema";
import { shopWithMarketplace } from "@/lib/marketplaces/meta";
import { and, desc, eq, gte, lt, sql } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { db } from "@/db/client";
import { channelItems, channelListings, marketplaceConnections, products, stockMovements, users } from "@/db/schema";
import { NotFound } from "@/lib/errors";
import { onStockChanged } from "@/lib/sync/triggers";
import { refreshBundles } from "./bundle-stock";
import { parseInput } from "@/lib/parse-input";
import { assertRole, type OrgContext } from "@/lib/tenancy/context";
import { orgDefaultThreshold } from "./queries";
import { effectiveRule } from "./quantity-rules";
import { availableStock, channelTarget } from "./targets";
import { syncsSql } from "./target-sql";

/** Looks a product up inside the organization; another org's id is simply not found. */
export async function getProduct(ctx: OrgContext, productId: string) {
  if (!z.uuid().safeParse(productId).success) throw new NotFound("That product does not exist.");
  const orgDefault = await orgDefaultThreshold(ctx.orgId);
  const [product] = await db
    .select()
    .from(products)
    .where(and(eq(products.id, productId), eq(products.orgId, ctx.orgId)));
  if (!product) throw new NotFound("That product does not exist.");
  const items = await db
    .select({
      id: channelItems.id,
      connectionId: channelItems.connectionId,
      marketplace: marketplaceConnections.marketplace,
      shopName: marketplaceConnections.name,
      externalId: channelItems.externalId,
      sku: channelItems.sku,
      title: channelItems.title,
      variation: channelItems.variation,
      quantity: channelItems.lastSeenQuantity,
      lastSeenAt: channelItems.lastSeenAt,
      lastPushedQuantity: channelItems.lastPushedQuantity,
      lastPushedAt: channelItems.lastPushedAt,
      pushStatus: channelItems.pushStatus,
      pushError: channelItems.pushError,
      ownRule: channelItems.quantityRule,
      ownRuleValue: channelItems.quantityRuleValue,
      channelRule: marketplaceConnections.quantityRule,
      channelRuleValue: marketplaceConnections.quantityRuleValue,
      listingTitle: channelListings.title,
      listingUrl: channelListings.url,
      listingState: channelListings.state,
    })
    .from(channelItems)
    .innerJoin(marketplaceConnections, eq(marketplaceConnections.id, channelItems.connectionId))
    .leftJoin(channelListings, eq(channelListings.id, channelItems.listingId))
    .where(and(eq(channelItems.orgId, ctx.orgId), eq(channelItems.productId, productId)))
    .orderBy(marketplaceConnections.marketplace, marketplaceConnections.name);
  const threshold = product.lowStockThreshold ?? orgDefault;
  return {
    ...product,
    threshold,
    thresholdIsDefault: product.lowStockThreshold === null,
    available: availableStock(product.onHand, product.reserve),
    low: product.onHand <= threshold,
    items: items.map(({ ownRule, ownRuleValue, channelRule, channelRuleValue, ...i }) => {
      const own = { kind: ownRule, value: ownRuleValue };
      const rule = effectiveRule({ kind: channelRule, value: channelRuleValue }, own);
      return { ...i, own, rule, target: channelTarget(product.onHand, product.reserve, rule) };
    }),
  };
}
export type ProductDetail = Awaited<ReturnType<typeof getProduct>>;

export const historyQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  /** Keyset cursor: the created_at of the last row already shown. */
  before: z.coerce.date().optional(),
});

/** The product's movements, newest first, with who or what made each one. */
export async function getProductHistory(ctx: OrgContext, productId: string, query: z.input<typeof historyQuery> = {}) {
  const q = historyQuery.parse(query);
  const rows = await db
    .select({
      id: stockMovements.id,
      createdAt: stockMovements.createdAt,
      delta: stockMovements.delta,
      onHandAfter: stockMovements.onHandAfter,
      reason: stockMovements.reason,
      sourceKey: stockMovements.sourceKey,
      note: stockMovements.note,
      actorType: stockMovements.actorType,
      actorId: stockMovements.actorId,
      userName: users.name,
      userEmail: users.email,
      connectionName: marketplaceConnections.name,
      marketplace: marketplaceConnections.marketplace,
    })
    .from(stockMovements)
    .leftJoin(users, and(eq(stockMovements.actorType, "user"), eq(users.id, stockMovements.actorId)))
    .leftJoin(
      marketplaceConnections,
      and(eq(stockMovements.actorType, "connection"), sql`${marketplaceConnections.id}::text = ${stockMovements.actorId}`),
    )
    .where(and(eq(stockMovements.orgId, ctx.orgId), eq(stockMovements.productId, productId), q.before ? lt(stockMovements.createdAt, q.before) : undefined))
    .orderBy(desc(stockMovements.createdAt), desc(stockMovements.id))
    .limit(q.limit);
  return rows.map(({ userName, userEmail, connectionName, marketplace, ...m }) => ({
    ...m,
    actor: actorLabel(m.actorType, { userName, userEmail, connectionName, marketplace }),
  }));
}
export type HistoryRow = Awaited<ReturnType<typeof getProductHistory>>[number];

export function actorLabel(
  type: "user" | "connection" | "system",
  j: { userName: string | null; userEmail: string | null; connectionName: string | null; marketplace: Marketplace | null },
): string {
  if (type === "user") return j.userName || j.userEmail || "A former member";
  if (type === "connection") return j.connectionName && j.marketplace ? shopWithMarketplace({ name: j.connectionName, marketplace: j.marketplace }) : "A removed shop";
  return "Stockroom";
}

/**
 * On hand at the end of each day over the last `days` days (org-local days are not
 * needed here: the chart is a trend). Days without movements carry the last value.
 */
export async function getStockSeries(ctx: OrgContext, productId: string, days = 30): Promise<{ day: string; onHand: number }[]> {
  const since = new Date(Date.now() - days * 86_400_000);
  since.setUTCHours(0, 0, 0, 0);
  const [before] = await db
    .select({ onHand: stockMovements.onHandAfter })
    .from(stockMovements)
    .where(and(eq(stockMovements.orgId, ctx.orgId), eq(stockMovements.productId, productId), lt(stockMovements.createdAt, since)))
    .orderBy(desc(stockMovements.createdAt), desc(stockMovements.id))
    .limit(1);
  const closes = await db
    .selectDistinctOn([sql`date_trunc('day', ${stockMovements.createdAt} at time zone 'UTC')`], {
      day: sql<string>`to_char(date_trunc('day', ${stockMovements.createdAt} at time zone 'UTC'), 'YYYY-MM-DD')`,
      onHand: stockMovements.onHandAfter,
    })
    .from(stockMovements)
    .where(and(eq(stockMovements.orgId, ctx.orgId), eq(stockMovements.productId, productId), gte(stockMovements.createdAt, since)))
    .orderBy(sql`date_trunc('day', ${stockMovements.createdAt} at time zone 'UTC')`, desc(stockMovements.createdAt), desc(stockMovements.id));
  return fillDays(since, days, before?.onHand ?? null, closes);
}

/**
 * Pure: one point per day from `since`, carrying the last close forward. With no stock
 * known before `since` (start null), the series begins at the first movement: the days
 * before a product's first import are not drawn as zero stock.
 */
export function fillDays(since: Date, days: number, start: number | null, closes: { day: string; onHand: number }[]) {
  const byDay = new Map(closes.map((c) => [c.day, c.onHand]));
  const out: { day: string; onHand: number }[] = [];
  let last = start;
  for (let i = 0; i <= days; i++) {
    const day = new Date(since.getTime() + i * 86_400_000).toISOString().slice(0, 10);
    last = byDay.get(day) ?? last;
    if (last !== null) out.push({ day, onHand: last });
  }
  return out;
}

export const productSettingsInput = z.object({
  productId: z.uuid(),
  // Empty means "use the organization's default".
  lowStockThreshold: z
    .union([z.literal(""), z.null(), z.coerce.number().int("Use a whole number.").min(0, "The threshold cannot be negative.").max(1_000_000)])
    .transform((v) => (v === "" ? null : v)),
  reserve: z.coerce.number().int("Use a whole number.").min(0, "The reserve cannot be negative.").max(1_000_000),
});
export type ProductSettingsInput = z.input<typeof productSettingsInput>;

/**
 * Threshold and reserve. The reserve is held back from every channel, so changing
 * it changes what each channel should show: linked items go pending and are pushed.
 */
export async function updateProductSettings(ctx: OrgContext, input: ProductSettingsInput) {
  assertRole(ctx, "manager");
  const v = parseInput(productSettingsInput, input);
  const result = await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ lowStockThreshold: products.lowStockThreshold, reserve: products.reserve })
      .from(products)
      .where(and(eq(products.id, v.productId), eq(products.orgId, ctx.orgId)))
      .for("update");
    if (!before) throw new NotFound("That product does not exist.");
    await tx
      .update(products)
      .set({ lowStockThreshold: v.lowStockThreshold, reserve: v.reserve, updatedAt: sql`now()` })
      .where(eq(products.id, v.productId));
    const reserveChanged = before.reserve !== v.reserve;
    if (reserveChanged) {
      await tx
        .update(channelItems)
        .set({ pushStatus: "pending", updatedAt: sql`now()` })
        .where(and(eq(channelItems.orgId, ctx.orgId), eq(channelItems.productId, v.productId), syncsSql(channelItems.quantityRule, channelItems.connectionId)));
      // A component's reserve is held back from the bundles made of it too.
      await refreshBundles(tx, ctx.orgId, [v.productId]);
    }
    await recordAudit(tx, { orgId: ctx.orgId, actor: { type: "user", userId: ctx.userId }, action: "product.updated", target: { type: "product", id: v.productId }, before, after: { lowStockThreshold: v.lowStockThreshold, reserve: v.reserve } });
    return { reserveChanged };
  });
  if (result.reserveChanged) await onStockChanged(ctx.orgId, [v.productId]);
  return { lowStockThreshold: v.lowStockThreshold, reserve: v.reserve };
}
