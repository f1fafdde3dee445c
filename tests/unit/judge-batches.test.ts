import { describe, expect, it } from "vitest";
import { nextBatch } from "@/lib/inventory/reconcile";

describe("batches of queued reads to judge", () => {
  it("takes each item's oldest read, at most 500, and keeps the rest in order", () => {
    // 1,200 reads of 600 items, oldest first: every item read twice.
    const due = Array.from({ length: 1200 }, (_, i) => ({ id: `o${i}`, channelItemId: `item${i % 600}` }));
    const first = nextBatch(due);
    expect(first.batch.map((o) => o.id)).toEqual(due.slice(0, 500).map((o) => o.id));
    expect(first.rest).toHaveLength(700);
    const second = nextBatch(first.rest);
    // The next batch: items 500-599 (their first reads), then the second reads of items 0-399, one each.
    expect(new Set(second.batch.map((o) => o.channelItemId)).size).toBe(second.batch.length);
    expect(second.batch.slice(0, 100).map((o) => o.id)).toEqual(due.slice(500, 600).map((o) => o.id));
    // An item's reads stay in order across batches.
    const order: string[] = [];
    for (let rest = due; rest.length > 0; ) {
      const b = nextBatch(rest);
      order.push(...b.batch.filter((o) => o.channelItemId === "item7").map((o) => o.id));
      rest = b.rest;
    }
    expect(order).toEqual(["o7", "o607"]);
  });
});
