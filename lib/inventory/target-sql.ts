import { sql, type SQL, type SQLWrapper } from "drizzle-orm";

// The SQL twin of channelTarget (lib/inventory/targets.ts), for statements that decide push
// state row by row (markOffTarget, the push's settleStatus). Keep the two in step:
// tests/integration/target-sql.test.ts runs this over a grid of values against the TS function.

export type TargetOperands = {
  onHand: SQLWrapper;
  reserve: SQLWrapper;
  /** The item's override (null kind = inherit) and its channel's rule. */
  itemRule: SQLWrapper;
  itemValue: SQLWrapper;
  channelRule: SQLWrapper;
  channelValue: SQLWrapper;
};

/** What the item should show (int), null for a "don't sync" item. */
export function targetSql(o: TargetOperands): SQL<number | null> {
  const available = sql`greatest(0, ${o.onHand} - ${o.reserve})`;
  const kind = sql`coalesce(${o.itemRule}, ${o.channelRule})`;
  const n = sql`(case when ${o.itemRule} is null then ${o.channelValue} else ${o.itemValue} end)`;
  return sql<number | null>`(case ${kind}
    when 'buffer' then greatest(0, ${available} - ${n})
    when 'max' then least(${available}, ${n})
    when 'fixed' then least(${available}, ${n})
    when 'percent' then (${available}::bigint * ${n} / 100)::int
    when 'dont_sync' then null
    else ${available} end)`;
}

/**
 * The target of channel item alias `c` of product alias `p` whose connection is alias `m`
 * (the statement joins marketplace_connections m on m.id = c.connection_id).
 */
export function itemTargetSql(p = "p", c = "c", m = "m"): SQL<number | null> {
  const col = (alias: string, name: string) => sql.raw(`${alias}.${name}`);
  return targetSql({
    onHand: col(p, "on_hand"),
    reserve: col(p, "reserve"),
    itemRule: col(c, "quantity_rule"),
    itemValue: col(c, "quantity_rule_value"),
    channelRule: col(m, "quantity_rule"),
    channelValue: col(m, "quantity_rule_value"),
  });
}

/**
 * The item syncs: its rule (or its channel's) is not "don't sync". For statements that mark items
 * pending without joining the connection: `itemRule` and `connectionId` are the item's columns.
 */
export function syncsSql(itemRule: SQLWrapper, connectionId: SQLWrapper): SQL<boolean> {
  return sql<boolean>`coalesce(${itemRule}, (select sm.quantity_rule from marketplace_connections sm where sm.id = ${connectionId})) <> 'dont_sync'`;
}

/** syncsSql for channel item alias `c` in raw SQL. */
export const itemSyncsSql = (c = "c") => syncsSql(sql.raw(`${c}.quantity_rule`), sql.raw(`${c}.connection_id`));
