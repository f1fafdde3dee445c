// How quantity rules read to a seller. No runtime imports: client components use it as is.
import type { QuantityRuleKind } from "@/db/schema/quantity-rules";

export type QuantityRule = { kind: QuantityRuleKind; value: number | null };
/** A channel item's own rule: a null kind inherits the channel's. */
export type RuleOverride = { kind: QuantityRuleKind | null; value: number | null };

export const RULE_KIND_LABEL: Record<QuantityRuleKind | "inherit", string> = {
  inherit: "Channel default",
  none: "No rule (show what is available)",
  buffer: "Buffer (hold back n units)",
  max: "Maximum (never show more than n)",
  fixed: "Fixed (show n while n are available)",
  percent: "Percentage (show p % of what is available)",
  dont_sync: "Don't sync (read sales, never write the quantity)",
};

/** How a rule reads next to a quantity, "max 8"; empty for no rule. */
export function ruleLabel(rule: QuantityRule): string {
  switch (rule.kind) {
    case "none":
      return "";
    case "buffer":
      return `buffer ${rule.value}`;
    case "max":
      return `max ${rule.value}`;
    case "fixed":
      return `fixed ${rule.value}`;
    case "percent":
      return `${rule.value} %`;
    case "dont_sync":
      return "don't sync";
  }
}

/** The rule in force: the item's own when it has one, else its channel's. */
export function ruleInForce(channel: QuantityRule, item: RuleOverride | null | undefined): QuantityRule {
  return item?.kind ? { kind: item.kind, value: item.value } : channel;
}

/** "8 (max 8)": a channel quantity with the rule that shapes it. */
export function quantityWithRule(quantity: number | null, rule: QuantityRule): string {
  const label = ruleLabel(rule);
  return `${quantity ?? "–"}${label ? ` (${label})` : ""}`;
}
