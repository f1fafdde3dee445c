import { describe, expect, it } from "vitest";
import { fillDays } from "@/lib/inventory/products";

const since = new Date("2026-03-01T00:00:00Z");

describe("the product stock chart's series", () => {
  it("starts at the first import, not with zeros before it", () => {
    expect(fillDays(since, 4, null, [{ day: "2026-03-03", onHand: 7 }])).toEqual([
      { day: "2026-03-03", onHand: 7 },
      { day: "2026-03-04", onHand: 7 },
      { day: "2026-03-05", onHand: 7 },
    ]);
  });

  it("carries known stock from before the window forward", () => {
    expect(fillDays(since, 2, 5, [{ day: "2026-03-02", onHand: 4 }])).toEqual([
      { day: "2026-03-01", onHand: 5 },
      { day: "2026-03-02", onHand: 4 },
      { day: "2026-03-03", onHand: 4 },
    ]);
  });

  it("is empty for a product with no movement at all", () => {
    expect(fillDays(since, 3, null, [])).toEqual([]);
  });
});
