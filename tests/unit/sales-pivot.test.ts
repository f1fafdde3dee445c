import { describe, expect, it } from "vitest";
import { formatMoney, pivotByDay } from "@/components/sales/pivot";

describe("sales chart data", () => {
  it("gives every day of the range a point, adding channels apart", () => {
    const rows = [
      { day: "2026-03-02", marketplace: "etsy" as const, currency: "USD", revenueMinor: 500, units: 1 },
      { day: "2026-03-02", marketplace: "ebay" as const, currency: "USD", revenueMinor: 700, units: 2 },
      { day: "2026-03-09", marketplace: "ebay" as const, currency: "USD", revenueMinor: 1, units: 1 },
    ];
    expect(pivotByDay(rows, "2026-03-01", "2026-03-03", (r) => r.units)).toEqual([
      { day: "2026-03-01", etsy: 0, ebay: 0, shopify: 0 },
      { day: "2026-03-02", etsy: 1, ebay: 2, shopify: 0 },
      { day: "2026-03-03", etsy: 0, ebay: 0, shopify: 0 },
    ]);
  });

  it.each([
    [1234, "USD", "en-US", "$12.34"],
    [1234, "EUR", "de-DE", "12,34 €"],
    [1234, "JPY", "en-US", "¥1,234"],
    [99, "GBP", "en-GB", "£0.99"],
  ])("formats %i minor units of %s in %s as %s", (minor, currency, locale, expected) => {
    expect(formatMoney(minor, currency, locale).replace(/\u00a0/g, " ")).toBe(expected);
  });
});
