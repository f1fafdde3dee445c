import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { migrateDb } from "@/db/migrate";
import { records, rowsOf } from "@/db/sets";
import { effectiveRule, type QuantityRule, type RuleOverride } from "@/lib/inventory/quantity-rules";
import { targetSql } from "@/lib/inventory/target-sql";
import { channelTarget } from "@/lib/inventory/targets";

// The push decides in SQL (markOffTarget, settleStatus) what the TS function decides for the
// write itself: over a grid of stock, reserves and rules (a channel's, an item's override) the two
// must give the same number, or an item would be pushed forever or never.

beforeAll(async () => {
  await migrateDb();
});

const channelRules: QuantityRule[] = [
  { kind: "none", value: null },
  { kind: "buffer", value: 2 },
  { kind: "max", value: 8 },
  { kind: "fixed", value: 5 },
  { kind: "percent", value: 33 },
  { kind: "percent", value: 100 },
  { kind: "dont_sync", value: null },
];
const overrides: RuleOverride[] = [{ kind: null, value: null }, { kind: "none", value: null }, { kind: "buffer", value: 0 }, { kind: "max", value: 3 }, { kind: "fixed", value: 12 }, { kind: "percent", value: 50 }, { kind: "dont_sync", value: null }];

describe("the target in SQL and in TypeScript", () => {
  it("agree over a grid of on hand, reserve, channel rule and item override", async () => {
    const grid = [];
    for (const onHand of [-2, 0, 1, 2, 3, 5, 7, 8, 9, 13, 40, 2_000_000_000])
      for (const reserve of [0, 1, 4])
        for (const channel of channelRules)
          for (const item of overrides)
            grid.push({ on_hand: onHand, reserve, channel_rule: channel.kind, channel_value: channel.value, item_rule: item.kind, item_value: item.value });
    const target = targetSql({
      onHand: sql`v.on_hand`,
      reserve: sql`v.reserve`,
      itemRule: sql`v.item_rule`,
      itemValue: sql`v.item_value`,
      channelRule: sql`v.channel_rule`,
      channelValue: sql`v.channel_value`,
    });
    const rows = rowsOf<{ n: number; target: number | null }>(
      await db.execute(sql`
        select v.n::int, ${target} as target
        from rows from (jsonb_to_recordset(${records(grid)}) as (on_hand int, reserve int, channel_rule text, channel_value int, item_rule text, item_value int)) with ordinality
          as v(on_hand, reserve, channel_rule, channel_value, item_rule, item_value, n)
        order by v.n`),
    );
    expect(rows).toHaveLength(grid.length);
    const mismatches = grid.flatMap((g, i) => {
      const rule = effectiveRule({ kind: g.channel_rule, value: g.channel_value }, { kind: g.item_rule, value: g.item_value });
      const ts = channelTarget(g.on_hand, g.reserve, rule);
      const fromSql = rows[i].target === null ? null : Number(rows[i].target);
      return ts === fromSql ? [] : [{ ...g, ts, sql: fromSql }];
    });
    expect(mismatches).toEqual([]);
  });
});
