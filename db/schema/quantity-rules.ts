import { sql } from "drizzle-orm";
import { check, integer, text } from "drizzle-orm/pg-core";

// What a channel shows of a product's available stock (lib/inventory/targets.ts channelTarget).
// A connection holds its channel's default rule; a channel item may override it.
export const QUANTITY_RULE_KINDS = ["none", "buffer", "max", "fixed", "percent", "dont_sync"] as const;
export type QuantityRuleKind = (typeof QUANTITY_RULE_KINDS)[number];
/** The kinds that take a number (units, or a percentage for `percent`). */
export const VALUED_RULE_KINDS = ["buffer", "max", "fixed", "percent"] as const;

/** The two columns of a rule; on a channel item a null kind inherits the channel's rule. */
export const quantityRuleColumns = () => ({
  quantityRule: text("quantity_rule", { enum: QUANTITY_RULE_KINDS }),
  quantityRuleValue: integer("quantity_rule_value"),
});

/** A value exactly when the kind takes one, within its range; the lib validates first with messages. */
export const quantityRuleCheck = (name: string, t: { quantityRule: unknown; quantityRuleValue: unknown }) =>
  check(
    name,
    sql`case when ${t.quantityRule} in ('buffer', 'max', 'fixed') then coalesce(${t.quantityRuleValue} between 0 and 1000000, false)
      when ${t.quantityRule} = 'percent' then coalesce(${t.quantityRuleValue} between 0 and 100, false)
      else ${t.quantityRuleValue} is null end`,
  );
