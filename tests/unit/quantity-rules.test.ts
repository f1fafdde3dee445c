import { describe, expect, it } from "vitest";
import { effectiveRule, NO_RULE, parseRuleCell, quantityRuleInput, ruleCell, ruleLabel, type QuantityRule } from "@/lib/inventory/quantity-rules";
import { channelTarget, openingDecision } from "@/lib/inventory/targets";

const r = (kind: QuantityRule["kind"], value: number | null = null): QuantityRule => ({ kind, value });

describe("what a channel shows under each quantity rule", () => {
  // [on hand, reserve, rule, shows]
  it.each<[number, number, QuantityRule, number | null]>([
    // No rule: what is available (on hand less the reserve, never below 0).
    [10, 0, r("none"), 10],
    [10, 3, r("none"), 7],
    [2, 3, r("none"), 0],
    [-4, 0, r("none"), 0],
    // Buffer: available less n, never below 0; the reserve comes off first.
    [10, 0, r("buffer", 2), 8],
    [10, 3, r("buffer", 2), 5],
    [2, 0, r("buffer", 2), 0],
    [1, 0, r("buffer", 2), 0],
    [5, 4, r("buffer", 2), 0],
    [10, 0, r("buffer", 0), 10],
    // Maximum: never more than n, never more than available.
    [10, 0, r("max", 8), 8],
    [10, 3, r("max", 8), 7],
    [8, 0, r("max", 8), 8],
    [3, 0, r("max", 8), 3],
    [0, 0, r("max", 8), 0],
    [10, 0, r("max", 0), 0],
    [20, 15, r("max", 8), 5],
    // Fixed: n while n are available, below that what is available.
    [50, 0, r("fixed", 5), 5],
    [5, 0, r("fixed", 5), 5],
    [4, 0, r("fixed", 5), 4],
    [6, 2, r("fixed", 5), 4],
    [7, 2, r("fixed", 5), 5],
    [0, 0, r("fixed", 5), 0],
    // Percentage of available, rounded down.
    [10, 0, r("percent", 50), 5],
    [9, 0, r("percent", 50), 4],
    [1, 0, r("percent", 50), 0],
    [10, 4, r("percent", 50), 3],
    [10, 0, r("percent", 100), 10],
    [10, 0, r("percent", 0), 0],
    [3, 0, r("percent", 33), 0],
    [100, 0, r("percent", 33), 33],
    [2, 5, r("percent", 100), 0],
    // Don't sync: no target at all, whatever the stock.
    [10, 0, r("dont_sync"), null],
    [0, 3, r("dont_sync"), null],
  ])("on hand %i, reserve %i, %o → %s", (onHand, reserve, rule, shows) => {
    expect(channelTarget(onHand, reserve, rule)).toBe(shows);
  });

  it("never shows more than is available, whatever the rule", () => {
    for (let onHand = -3; onHand <= 30; onHand++)
      for (const reserve of [0, 1, 4, 12])
        for (const rule of [r("none"), r("buffer", 3), r("max", 8), r("fixed", 5), r("percent", 75), r("percent", 100)]) {
          const shows = channelTarget(onHand, reserve, rule);
          expect(shows).not.toBeNull();
          expect(shows).toBeGreaterThanOrEqual(0);
          expect(shows).toBeLessThanOrEqual(Math.max(0, onHand - reserve));
        }
  });
});

describe("an item's own rule overrides its channel's", () => {
  it.each([
    { channel: r("max", 8), item: null, is: r("max", 8) },
    { channel: r("max", 8), item: { kind: null, value: null }, is: r("max", 8) },
    { channel: r("max", 8), item: r("buffer", 2), is: r("buffer", 2) },
    { channel: r("max", 8), item: r("none"), is: r("none") },
    { channel: r("dont_sync"), item: r("fixed", 3), is: r("fixed", 3) },
    { channel: NO_RULE, item: r("dont_sync"), is: r("dont_sync") },
  ])("channel $channel.kind, item $item → $is.kind", ({ channel, item, is }) => {
    expect(effectiveRule(channel, item)).toEqual(is);
  });
});

describe("rule input", () => {
  it.each([
    [{ kind: "max", value: "8" }, { kind: "max", value: 8 }],
    [{ kind: "percent", value: 100 }, { kind: "percent", value: 100 }],
    [{ kind: "dont_sync", value: "12" }, { kind: "dont_sync", value: null }],
    [{ kind: "none" }, { kind: "none", value: null }],
    [{ kind: "inherit", value: "3" }, { kind: null, value: null }],
  ])("%o parses to %o", (input, out) => {
    expect(quantityRuleInput.parse(input)).toEqual(out);
  });
  it.each([{ kind: "max" }, { kind: "max", value: "" }, { kind: "buffer", value: -1 }, { kind: "percent", value: 101 }, { kind: "fixed", value: 2.5 }, { kind: "most" }])("refuses %o", (input) => {
    expect(quantityRuleInput.safeParse(input).success).toBe(false);
  });
});

describe("how a rule reads", () => {
  it.each([
    [r("none"), ""],
    [r("buffer", 2), "buffer 2"],
    [r("max", 8), "max 8"],
    [r("fixed", 5), "fixed 5"],
    [r("percent", 50), "50 %"],
    [r("dont_sync"), "don't sync"],
  ])("%o reads %s", (rule, label) => expect(ruleLabel(rule)).toBe(label));

  it("round-trips a CSV cell", () => {
    for (const rule of [r("buffer", 2), r("max", 8), r("fixed", 5), r("percent", 50), r("dont_sync"), r("none"), { kind: null, value: null }])
      expect(parseRuleCell(ruleCell(rule))).toEqual({ ok: true, rule });
    expect(parseRuleCell(" MAX: 8 ")).toEqual({ ok: true, rule: r("max", 8) });
    expect(parseRuleCell("max")).toMatchObject({ ok: false });
    expect(parseRuleCell("cap:3")).toMatchObject({ ok: false, message: expect.stringContaining("not a rule") });
  });
});

describe("linking a second channel under a rule", () => {
  const base = { reserve: 0, onlyOpeningBalance: false, channelName: "eBay" };
  it("agrees when the channel already shows the rule's target", () => {
    expect(openingDecision({ ...base, onHand: 10, channelQuantity: 8, rule: r("max", 8) }).kind).toBe("agree");
  });
  it("keeps ours and says what the channel will show under the rule", () => {
    const d = openingDecision({ ...base, onHand: 10, channelQuantity: 10, rule: r("max", 8) });
    expect(d).toMatchObject({ kind: "keep", note: expect.stringContaining("will show 8") });
  });
  it("never moves stock for a don't-sync item", () => {
    expect(openingDecision({ ...base, onHand: 10, channelQuantity: 3, onlyOpeningBalance: true, rule: r("dont_sync") }).kind).toBe("agree");
  });
});
