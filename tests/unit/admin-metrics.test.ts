import { describe, expect, it } from "vitest";
import { budgetUsed, startOfUtcDay, successRate, utcDay } from "@/lib/admin/metrics";
import { containsPattern } from "@/lib/admin/paging";
import { orgListQuery, syncRunIdsInput, syncRunListQuery } from "@/lib/admin/schemas";

describe("sync success rate", () => {
  it.each([
    [{ succeeded: 0, partial: 0, failed: 0 }, null],
    [{ succeeded: 19, partial: 0, failed: 1 }, 0.95],
    [{ succeeded: 1, partial: 1, failed: 2 }, 0.5],
    [{ succeeded: 0, partial: 0, failed: 3 }, 0],
  ])("%o gives %s", (counts, rate) => {
    expect(successRate(counts)).toBe(rate);
  });
});

describe("daily API budget", () => {
  it.each([
    [2500, 10_000, 0.25],
    [12_000, 10_000, 1.2],
    [5, null, null],
    [5, 0, null],
  ])("%i calls of %s is %s", (calls, limit, used) => {
    expect(budgetUsed(calls, limit)).toBe(used);
  });

  it("counts days in UTC, whatever the server's zone", () => {
    const lateEvening = new Date("2026-03-01T23:59:59.999Z");
    expect(utcDay(lateEvening)).toBe("2026-03-01");
    expect(startOfUtcDay(lateEvening).toISOString()).toBe("2026-03-01T00:00:00.000Z");
  });
});

describe("admin list filters from the URL", () => {
  it("fall back to defaults instead of failing on a hand-edited URL", () => {
    expect(orgListQuery.parse({ page: "-3", status: "weird" })).toEqual({ q: "", status: "all", page: 1 });
    expect(orgListQuery.parse({ page: "4", q: "  pottery " })).toEqual({ q: "pottery", status: "all", page: 4 });
    const runs = syncRunListQuery.parse({ marketplace: "amazon", kind: "orders", from: "not a date", to: "2026-01-02T09:30" });
    expect(runs).toMatchObject({ status: "failed", marketplace: undefined, kind: "orders", from: undefined });
    expect(runs.to?.toISOString()).toBe("2026-01-02T09:30:00.000Z");
  });

  it("take one or many selected ids, and refuse none", () => {
    const id = "5b0d3c6e-2f6a-4c55-9a8e-0d3e1c2b4a55";
    expect(syncRunIdsInput.parse({ runIds: id }).runIds).toEqual([id]);
    expect(syncRunIdsInput.parse({ runIds: [id, id] }).runIds).toHaveLength(2);
    expect(syncRunIdsInput.safeParse({ runIds: [] }).success).toBe(false);
    expect(syncRunIdsInput.safeParse({ runIds: "nope" }).success).toBe(false);
  });

  it("escape LIKE wildcards typed in a search box", () => {
    expect(containsPattern("100%_off\\")).toBe("%100\\%\\_off\\\\%");
  });
});
