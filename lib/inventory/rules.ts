import type { Marketplace } from "@/db/schema";
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { db, type Tx } from "@/db/client";
import { inSet } from "@/db/sets";
import { auditEvents, channelItems, marketplaceConnections } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { Invalid, NotFound } from "@/lib/errors";
import { parseInput } from "@/lib/parse-input";
import { dispatch } from "@/lib/sync/dispatch";
import { assertRole, tenantWhere, type OrgContext } from "@/lib/tenancy";
import { markOffTarget } from "./channel-state";
import { quantityRuleInput, type RuleOverride } from "./quantity-rules";
import { itemSyncsSql } from "./target-sql";

// Setting quantity rules: a channel's default (on its connection) and an item's override. Each
// change is audited with what it was and what it became, re-targets the items it touches, and asks
// their channel for one push (the push request is debounced like any other).

const ruleFields = { kind: quantityRuleInput.in.shape.kind, value: quantityRuleInput.in.shape.value };

export const channelRuleInput = z.object({ connectionId: z.uuid("Choose a connection."), ...ruleFields });
export const itemRuleInput = z.object({ itemId: z.uuid("Choose a listing."), ...ruleFields });
export const bulkRuleInput = z.object({
  productIds: z.array(z.uuid()).min(1, "Select at least one product.").max(500, "Apply a rule to at most 500 products at once."),
  connectionId: z.uuid("Choose a channel."),
  ...ruleFields,
});

/** A channel's default rule, for every item of the channel without its own. */
export async function setChannelRule(ctx: OrgContext, input: z.input<typeof channelRuleInput>): Promise<RuleOverride> {
  assertRole(ctx, "manager");
  const v = parseInput(channelRuleInput, input);
  const next = parseRule(v);
  if (next.kind === null) throw new Invalid("A channel has no default to inherit: choose a rule, or none.", { kind: "Choose a rule." });
  const kind = next.kind;
  const conn = await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ id: marketplaceConnections.id, marketplace: marketplaceConnections.marketplace, kind: marketplaceConnections.quantityRule, value: marketplaceConnections.quantityRuleValue })
      .from(marketplaceConnections)
      .where(and(tenantWhere(ctx, marketplaceConnections), eq(marketplaceConnections.id, v.connectionId)))
      .for("update");
    if (!before) throw new NotFound("That connection does not exist.");
    if (before.kind === kind && before.value === next.value) return null;
    await tx.update(marketplaceConnections).set({ quantityRule: kind, quantityRuleValue: next.value, updatedAt: sql`now()` }).where(eq(marketplaceConnections.id, before.id));
    const items = await tx
      .select({ id: channelItems.id })
      .from(channelItems)
      .where(and(tenantWhere(ctx, channelItems), eq(channelItems.connectionId, before.id), sql`${channelItems.productId} is not null`));
    await retarget(tx, items.map((i) => i.id));
    await recordAudit(tx, {
      orgId: ctx.orgId,
      actor: { type: "user", userId: ctx.userId },
      action: "connection.quantity_rule_changed",
      target: { type: "connection", id: before.id },
      before: { kind: before.kind, value: before.value },
      after: next,
    });
    return before;
  });
  if (conn) await requestPushes([conn]);
  return next;
}

/** One item's own rule ("inherit": back to its channel's). */
export async function setItemRule(ctx: OrgContext, input: z.input<typeof itemRuleInput>): Promise<RuleOverride> {
  assertRole(ctx, "manager");
  const v = parseInput(itemRuleInput, input);
  const next = parseRule(v);
  const changed = await db.transaction(async (tx) => {
    const found = await overrideItems(tx, ctx, eq(channelItems.id, v.itemId));
    if (found.length === 0) throw new NotFound("That listing does not exist.");
    return applyOverride(tx, ctx, found, next);
  });
  await requestPushes(changed);
  return next;
}

/** The same rule on the chosen channel for every selected product's items there. Returns how many items changed. */
export async function applyRuleToProducts(ctx: OrgContext, input: z.input<typeof bulkRuleInput>): Promise<{ items: number }> {
  assertRole(ctx, "manager");
  const v = parseInput(bulkRuleInput, input);
  const next = parseRule(v);
  const result = await db.transaction(async (tx) => {
    const [conn] = await tx
      .select({ id: marketplaceConnections.id })
      .from(marketplaceConnections)
      .where(and(tenantWhere(ctx, marketplaceConnections), eq(marketplaceConnections.id, v.connectionId)));
    if (!conn) throw new NotFound("That channel does not exist.");
    return overrideProductsRule(tx, ctx, conn.id, v.productIds, next);
  });
  await requestPushes(result.changed);
  return { items: result.items };
}

/**
 * In the caller's transaction: `rule` on every item of these products on one connection (already
 * checked to be the organization's). Returns the connections to push (requestPushes, after commit).
 */
export async function overrideProductsRule(tx: Tx, ctx: OrgContext, connectionId: string, productIds: string[], rule: RuleOverride) {
  const found = await overrideItems(tx, ctx, and(eq(channelItems.connectionId, connectionId), inArray(channelItems.productId, productIds)));
  const changed = await applyOverride(tx, ctx, found, rule);
  return { changed, items: found.filter((f) => f.kind !== rule.kind || f.value !== rule.value).length };
}

type FoundItem = { id: string; connectionId: string; marketplace: Marketplace; kind: RuleOverride["kind"]; value: number | null };

async function overrideItems(tx: Tx, ctx: OrgContext, where: SQL | undefined): Promise<FoundItem[]> {
  return tx
    .select({
      id: channelItems.id,
      connectionId: channelItems.connectionId,
      marketplace: marketplaceConnections.marketplace,
      kind: channelItems.quantityRule,
      value: channelItems.quantityRuleValue,
    })
    .from(channelItems)
    .innerJoin(marketplaceConnections, eq(marketplaceConnections.id, channelItems.connectionId))
    .where(and(tenantWhere(ctx, channelItems), where))
    .orderBy(channelItems.id)
    .for("update", { of: channelItems });
}

/** Writes `next` on the items whose override differs, audits each, re-targets them; returns their connections. */
async function applyOverride(tx: Tx, ctx: OrgContext, found: FoundItem[], next: RuleOverride) {
  const changed = found.filter((f) => f.kind !== next.kind || f.value !== next.value);
  if (changed.length === 0) return [];
  await tx
    .update(channelItems)
    .set({ quantityRule: next.kind, quantityRuleValue: next.value, updatedAt: sql`now()` })
    .where(
      inSet(
        channelItems.id,
        changed.map((c) => c.id),
        "uuid",
      ),
    );
  await retarget(
    tx,
    changed.map((c) => c.id),
  );
  // One statement for a bulk change's many items (recordAudit writes one row).
  await tx.insert(auditEvents).values(
    changed.map((c) => ({
      orgId: ctx.orgId,
      actorType: "user" as const,
      actorUserId: ctx.userId,
      action: "channel_item.quantity_rule_changed" as const,
      targetType: "channel_item",
      targetId: c.id,
      before: { kind: c.kind, value: c.value },
      after: next,
    })),
  );
  return [...new Map(changed.map((c) => [c.connectionId, { id: c.connectionId, marketplace: c.marketplace }])).values()];
}

/**
 * After a rule change: an item that stopped syncing has nothing to push (in sync, its error
 * cleared); one whose channel no longer shows its target is pending, for the push to write.
 */
async function retarget(tx: Tx, itemIds: string[]) {
  if (itemIds.length === 0) return;
  await tx.execute(sql`
    update channel_items c set push_status = 'in_sync', push_error = null, push_attempts = 0, updated_at = now()
    where ${inSet(sql`c.id`, itemIds, "uuid")} and c.push_status <> 'in_sync' and not ${itemSyncsSql("c")}`);
  await markOffTarget(tx, itemIds);
}

export async function requestPushes(conns: { id: string; marketplace: Marketplace }[]) {
  await dispatch(conns.map((c) => ({ name: "stockroom/push.requested" as const, data: { connectionId: c.id, marketplace: c.marketplace } })));
}

function parseRule(v: { kind: string; value?: unknown }): RuleOverride {
  return parseInput(quantityRuleInput, { kind: v.kind, value: v.value });
}
