import { describe, expect, it } from "vitest";
import { receiveInput, reorderSettingsInput } from "@/lib/inventory/reorder";
import { byUrgency, daysOfCover, effectiveReorderPoint, salesVelocity, suggestedQuantity } from "@/lib/inventory/reorder-math";

describe("reorder point falls back to the low-stock threshold, then the org default", () => {
  it.each([
    [7, 3, 5, 7],
    [0, 3, 5, 0],
    [null, 3, 5, 3],
    [null, 0, 5, 0],
    [null, null, 5, 5],
  ])("point %s, threshold %s, default %s -> %s", (point, threshold, orgDefault, expected) => {
    expect(effectiveReorderPoint(point, threshold, orgDefault)).toBe(expected);
  });
});

describe("sales velocity: units per day over the window, sales less cancelled sales", () => {
  it.each([
    [0, 0, 30, 0],
    [30, 0, 30, 1],
    [45, 15, 30, 1],
    [3, 0, 30, 0.1],
    [5, 5, 30, 0],
    // More cancelled than sold is impossible by construction; it still never reads as negative demand.
    [2, 5, 30, 0],
    [10, 0, 0, 0],
  ])("sold %s, cancelled %s over %s days -> %s/day", (sold, cancelled, days, expected) => {
    expect(salesVelocity(sold, cancelled, days)).toBeCloseTo(expected, 10);
  });
});

describe("days of cover: available over velocity, none without sales", () => {
  it.each([
    [10, 0, null],
    [0, 0, null],
    [10, 1, 10],
    [10, 0.5, 20],
    [3, 2, 1.5],
    [0, 2, 0],
    // Reserve above on hand: the channels can sell nothing.
    [-4, 2, 0],
  ])("available %s at %s/day -> %s days", (available, velocity, expected) => {
    expect(daysOfCover(available, velocity)).toBe(expected);
  });
});

describe("suggested quantity", () => {
  it.each([
    // The seller's reorder quantity wins when set.
    [{ onHand: 2, reorderPoint: 5, reorderQuantity: 24, velocity: 3 }, 24],
    // Otherwise back above the point with 30 days of sales: 5 - 2 + 30 * 1.
    [{ onHand: 2, reorderPoint: 5, reorderQuantity: 0, velocity: 1 }, 33],
    // 0.1/day is 3 units a month exactly (no float rounding up to 4).
    [{ onHand: 5, reorderPoint: 5, reorderQuantity: 0, velocity: 0.1 }, 3],
    // A fraction of a unit rounds up.
    [{ onHand: 0, reorderPoint: 2, reorderQuantity: 0, velocity: 0.05 }, 4],
    // Nothing sold: one above the point, so it leaves the list once received.
    [{ onHand: 5, reorderPoint: 5, reorderQuantity: 0, velocity: 0 }, 1],
    [{ onHand: 0, reorderPoint: 0, reorderQuantity: 0, velocity: 0 }, 1],
    // Oversold: the deficit is made up too.
    [{ onHand: -3, reorderPoint: 2, reorderQuantity: 0, velocity: 0 }, 6],
    // Above the point: nothing to order, never negative.
    [{ onHand: 9, reorderPoint: 5, reorderQuantity: 0, velocity: 2 }, 0],
    [{ onHand: 9, reorderPoint: 5, reorderQuantity: 12, velocity: 2 }, 0],
  ])("%o -> %s", (input, expected) => {
    expect(suggestedQuantity(input)).toBe(expected);
  });
});

describe("most urgent first", () => {
  it("sorts by days of cover, products without sales last, then on hand, then SKU", () => {
    const rows = [
      { sku: "none-b", daysOfCover: null, onHand: 1 },
      { sku: "slow", daysOfCover: 12, onHand: 3 },
      { sku: "none-a", daysOfCover: null, onHand: 1 },
      { sku: "out", daysOfCover: 0, onHand: 0 },
      { sku: "none-0", daysOfCover: null, onHand: 0 },
      { sku: "fast", daysOfCover: 1.5, onHand: 3 },
    ];
    expect([...rows].sort(byUrgency).map((r) => r.sku)).toEqual(["out", "fast", "slow", "none-0", "none-a", "none-b"]);
  });
});

describe("inputs", () => {
  const productId = "4b9f6b59-7d0e-4f55-9a3b-2f2f7c0e1a11";
  const key = "0d3e5f0a-1b2c-4d5e-8f90-a1b2c3d4e5f6";
  it.each([
    ["", "Enter at least 1 unit."],
    ["0", "Enter at least 1 unit."],
    ["-2", "Enter at least 1 unit."],
    ["1.5", "Enter a whole number of units."],
    ["abc", "Enter the number of units received."],
  ])("a received quantity of %j is refused: %s", (quantity, message) => {
    const r = receiveInput.safeParse({ productId, key, quantity });
    expect(r.success).toBe(false);
    expect(r.error?.issues.find((i) => i.path[0] === "quantity")?.message).toBe(message);
  });

  it("a positive whole quantity is accepted", () => {
    expect(receiveInput.parse({ productId, key, quantity: "12" }).quantity).toBe(12);
  });

  it.each([
    [{ reorderPoint: "", reorderQuantity: "0" }, { reorderPoint: null, reorderQuantity: 0 }],
    [{ reorderPoint: "4", reorderQuantity: "24" }, { reorderPoint: 4, reorderQuantity: 24 }],
  ])("reorder settings %o parse to %o", (input, expected) => {
    expect(reorderSettingsInput.parse({ productId, ...input })).toEqual({ productId, ...expected });
  });

  it.each([
    [{ reorderPoint: "-1", reorderQuantity: "0" }, "reorderPoint", "The reorder point cannot be negative."],
    [{ reorderPoint: "2.5", reorderQuantity: "0" }, "reorderPoint", "Use a whole number."],
    [{ reorderPoint: "", reorderQuantity: "-3" }, "reorderQuantity", "The reorder quantity cannot be negative."],
  ])("reorder settings %o are refused on %s", (input, field, message) => {
    const r = reorderSettingsInput.safeParse({ productId, ...input });
    expect(r.error?.issues.find((i) => i.path[0] === field)?.message).toBe(message);
  });
});
