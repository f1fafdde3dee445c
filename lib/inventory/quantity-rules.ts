// Quantity rules: what a channel shows of a product's available stock. Pure: the types, the one
// input schema shared by forms, routes, CSV and tests, and how a rule reads to a seller.
// The number itself is lib/inventory/targets.ts channelTarget (and its SQL twin, target-sql.ts).
import { z } from "zod";
import { QUANTITY_RULE_KINDS, VALUED_RULE_KINDS, type QuantityRuleKind } from "@/db/schema/quantity-rules";
import { ruleInForce, type QuantityRule, type RuleOverride } from "./rule-label";

export type { QuantityRule, RuleOverride } from "./rule-label";
export { RULE_KIND_LABEL, ruleInForce, ruleLabel } from "./rule-label";

export const NO_RULE: QuantityRule = { kind: "none", value: null };

/** The rule that decides an item's quantity: its own when it has one, else its channel's. */
export const effectiveRule = ruleInForce;

export const isValued = (kind: QuantityRuleKind): kind is (typeof VALUED_RULE_KINDS)[number] => (VALUED_RULE_KINDS as readonly string[]).includes(kind);

/** Whether Stockroom writes this item's quantity ("don't sync" items are only read). */
export const syncsQuantity = (rule: QuantityRule) => rule.kind !== "dont_sync";

/**
 * One rule as a form, a route or a CSV cell gives it: a kind and a number (a string from a form;
 * ignored for kinds that take none). "inherit" (only for an item) clears its override.
 */
export const quantityRuleInput = z
  .object({
    kind: z.enum([...QUANTITY_RULE_KINDS, "inherit"], { error: "Choose a rule." }),
    value: z.union([z.literal(""), z.null(), z.undefined(), z.coerce.number({ error: "Use a whole number." }).int("Use a whole number.")]).optional(),
  })
  .transform((v, ctx) => {
    const kind = v.kind;
    if (kind === "inherit") return { kind: null, value: null } satisfies RuleOverride;
    if (!isValued(kind)) return { kind, value: null } satisfies RuleOverride;
    const value = typeof v.value === "number" ? v.value : null;
    const max = kind === "percent" ? 100 : 1_000_000;
    if (value === null || value < 0 || value > max) {
      ctx.addIssue({ code: "custom", path: ["value"], message: kind === "percent" ? "Give a percentage from 0 to 100." : "Give a number of units from 0 to 1,000,000." });
      return z.NEVER;
    }
    return { kind, value } satisfies RuleOverride;
  });
export type QuantityRuleInput = z.input<typeof quantityRuleInput>;

/** A rule as one CSV cell and back: "max:8", "percent:50", "dont_sync", "none"; empty = the channel's default. */
export function ruleCell(rule: RuleOverride): string {
  if (!rule.kind) return "";
  return rule.value === null ? rule.kind : `${rule.kind}:${rule.value}`;
}

export function parseRuleCell(cell: string): { ok: true; rule: RuleOverride } | { ok: false; message: string } {
  const text = cell.trim().toLowerCase();
  if (text === "") return { ok: true, rule: { kind: null, value: null } };
  const [kind, value] = text.split(":", 2);
  const parsed = quantityRuleInput.safeParse({ kind: kind.trim(), value: value?.trim() });
  if (parsed.success) return { ok: true, rule: parsed.data };
  const issue = parsed.error.issues[0];
  const message =
    issue?.path[0] === "kind" ? `"${cell}" is not a rule: use none, buffer:n, max:n, fixed:n, percent:p, dont_sync, or leave it empty for the channel's default.` : `${issue?.message ?? "Bad rule."} (${cell})`;
  return { ok: false, message };
}
