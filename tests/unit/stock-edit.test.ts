import { describe, expect, it } from "vitest";
import { readChange } from "@/components/inventory/StockEditCell";
import { predictOnHand } from "@/components/inventory/useInventory";
import { toQueryString } from "@/components/inventory/InventoryView";

describe("the inline stock editor", () => {
  it.each([
    ["set", "12", "", { set: 12, reason: undefined }],
    ["set", " 0 ", "counted", { set: 0, reason: "counted" }],
    ["delta", "+3", "", { delta: 3, reason: undefined }],
    ["delta", "-2", "broken", { delta: -2, reason: "broken" }],
    ["set", "-1", "", "Stock cannot be negative."],
    ["set", "1.5", "", "Enter a whole number."],
    ["delta", "abc", "", "Enter a whole number."],
    ["delta", "0", "", "Enter a change other than 0."],
  ] as const)("%s %j (reason %j) → %j", (mode, raw, reason, expected) => {
    expect(readChange(mode, raw, reason)).toEqual(expected);
  });

  it.each([
    [5, { set: 9 }, 9],
    [5, { delta: -2 }, 3],
    [5, { delta: 4 }, 9],
  ])("optimistically shows %i after %j as %i", (onHand, change, expected) => {
    expect(predictOnHand(onHand, change)).toBe(expected);
  });

  it("keeps only single string search params for the shareable URL", () => {
    expect(toQueryString({ q: "mug", filter: "low", empty: "", many: ["a", "b"], none: undefined })).toBe("q=mug&filter=low");
  });
});
