import { describe, expect, it } from "vitest";
import { nextPage, previousPage, withoutPosition } from "@/components/inventory/paging";

describe("inventory table paging", () => {
  it("Next carries the cursor of the page shown, not only a page number", () => {
    expect(nextPage(1, "c2")).toEqual({ page: "2", after: "c2" });
    expect(nextPage(7, "c8")).toEqual({ page: "8", after: "c8" });
  });

  it("Previous returns by the cursor a page was reached with, else by its number, and page 1 needs neither", () => {
    const known = new Map([[2, "c2"], [3, "c3"]]);
    expect(previousPage(4, known)).toEqual({ page: "3", after: "c3" });
    expect(previousPage(3, known)).toEqual({ page: "2", after: "c2" });
    expect(previousPage(2, known)).toEqual({ page: null, after: null });
    expect(previousPage(9, known)).toEqual({ page: "8", after: null });
  });

  it("a cursor belongs to its query: search, filter and sort, not the position", () => {
    expect(withoutPosition(new URLSearchParams("sort=sku&page=3&after=xyz&filter=low"))).toBe("sort=sku&filter=low");
  });
});
