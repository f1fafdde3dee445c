import { describe, expect, it } from "vitest";
import { alertTransition, lowStockThreshold } from "@/lib/alerts/crossing";
import { NO_RULE } from "@/lib/inventory/quantity-rules";
import { availableStock, generatedSku, openingDecision, reconcileDecision } from "@/lib/inventory/targets";
import { boundedMinutes, listingsPollDelayMs, ordersPollDelayMs } from "@/lib/sync/polling";

describe("stock target", () => {
  it.each([
    [10, 0, 10],
    [10, 3, 7],
    [2, 3, 0],
    [0, 0, 0],
    [-4, 0, 0],
  ])("on hand %i with reserve %i shows %i on every channel", (onHand, reserve, expected) => {
    expect(availableStock(onHand, reserve)).toBe(expected);
  });
});

describe("opening balance when a second channel links to a product", () => {
  const base = { reserve: 0, channelName: "eBay", rule: NO_RULE };
  it.each([
    { onHand: 10, channelQuantity: 10, only: true, kind: "agree", delta: undefined },
    { onHand: 10, channelQuantity: 8, only: true, kind: "lower", delta: -2 },
    { onHand: 8, channelQuantity: 10, only: true, kind: "keep", delta: undefined },
    { onHand: 10, channelQuantity: 8, only: false, kind: "keep", delta: undefined },
    { onHand: 10, channelQuantity: 0, only: true, kind: "lower", delta: -10 },
  ])("ours $onHand, channel $channelQuantity, only opening $only → $kind", ({ onHand, channelQuantity, only, kind, delta }) => {
    const d = openingDecision({ ...base, onHand, channelQuantity, onlyOpeningBalance: only });
    expect(d.kind).toBe(kind);
    if (d.kind === "lower") expect(d.delta).toBe(delta);
    if (d.kind !== "agree") expect(d.note).toContain("eBay");
  });
  it("compares against the target when a reserve is held back", () => {
    expect(openingDecision({ onHand: 10, reserve: 2, channelQuantity: 8, onlyOpeningBalance: false, channelName: "Etsy", rule: NO_RULE }).kind).toBe("agree");
  });
});

describe("reconciling a listings poll", () => {
  it.each([
    { seen: 5, expected: 5, policy: "accept", kind: "none", delta: undefined },
    { seen: 5, expected: null, policy: "accept", kind: "none", delta: undefined },
    { seen: 12, expected: 8, policy: "accept", kind: "accept", delta: 4 },
    { seen: 3, expected: 8, policy: "accept", kind: "accept", delta: -5 },
    { seen: 12, expected: 8, policy: "overwrite", kind: "overwrite", delta: undefined },
  ] as const)("seen $seen, expected $expected, policy $policy → $kind", ({ seen, expected, policy, kind, delta }) => {
    const d = reconcileDecision({ seen, expected, policy, channelName: "Etsy" });
    expect(d.kind).toBe(kind);
    if (d.kind === "accept") expect(d.delta).toBe(delta);
    if (d.kind !== "none") expect(d.note).toContain(`from ${expected} to ${seen}`);
  });

  it("an edit sized against a range of expectations says so and takes the change that invents no stock", () => {
    const d = reconcileDecision({ seen: 52, expected: 56, expectedLow: 53, policy: "accept", channelName: "Etsy" });
    expect(d).toMatchObject({ kind: "accept", delta: -4 });
    if (d.kind === "accept") expect(d.note).toMatch(/^Etsy quantity changed from 53–56 to 52 on the channel: accepted \(sales placed within a second/);
  });
});

describe("generated SKUs", () => {
  it.each([
    ["etsy", "111", "Size: M / Colour: Blue", "ETSY-111-SIZE-M-COLOUR-BLUE"],
    ["etsy", "111", null, "ETSY-111"],
    ["ebay", "abc", "Size: XL", "EBAY-abc-SIZE-XL"],
  ])("%s listing %s variation %s → %s, the same every time", (m, l, i, expected) => {
    expect(generatedSku(m, l, i)).toBe(expected);
    expect(generatedSku(m, l, i)).toBe(generatedSku(m, l, i));
  });
});

describe("adaptive orders polling", () => {
  it.each([
    [0, 5, 15, 5],
    [2, 5, 15, 5],
    [3, 5, 15, 10],
    [6, 5, 15, 15],
    [50, 5, 15, 15],
    [0, 5, 3, 5],
  ])("after %i idle polls (floor %i, ceiling %i) waits %i minutes", (idle, floor, ceiling, minutes) => {
    expect(ordersPollDelayMs(idle, floor, ceiling)).toBe(minutes * 60_000);
  });
  it.each([
    [undefined, 5, 5],
    [10, 5, 10],
    [0, 5, 1],
    [99999, 5, 1440],
  ])("org setting %s with env default %i → %i minutes", (setting, def, expected) => {
    expect(boundedMinutes(setting, def)).toBe(expected);
  });
});

describe("adaptive listings polling", () => {
  it.each([
    [0, 15, 15],
    [1, 15, 30],
    [3, 15, 120],
    [6, 15, 960],
    [7, 15, 1440],
    [500, 15, 1440],
    [0, 1440, 1440],
    [2, 2000, 2000],
  ])("after %i polls that found no edits (base %i minutes) waits %i minutes", (idle, base, minutes) => {
    expect(listingsPollDelayMs(idle, base)).toBe(minutes * 60_000);
  });
  it("reads a quiet shop's listings at least once a day", () => {
    let day = 0;
    let polls = 0;
    for (let idle = 0; day < 3 * 1440 * 60_000; idle++, polls++) day += listingsPollDelayMs(idle, 15);
    // 15 + 30 + ... + 960 minutes (1,905) then daily: 7 polls to back off, then one a day.
    expect(polls).toBeLessThanOrEqual(7 + 3);
  });
});

describe("low-stock crossings", () => {
  it.each([
    [null, undefined, 5, 5],
    [null, 3, 5, 3],
    [2, 3, 5, 2],
    [0, 3, 5, 0],
  ])("product %s, org %s, default %i → threshold %i", (p, o, d, expected) => {
    expect(lowStockThreshold(p, o, d)).toBe(expected);
  });
  it.each([
    [5, 5, false, "open"],
    [4, 5, false, "open"],
    [4, 5, true, "none"],
    [6, 5, true, "resolve"],
    [6, 5, false, "none"],
    [0, 0, false, "open"],
  ] as const)("on hand %i, threshold %i, open alert %s → %s", (onHand, threshold, open, expected) => {
    expect(alertTransition(onHand, threshold, open)).toBe(expected);
  });
});
