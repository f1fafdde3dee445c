import { describe, expect, it } from "vitest";
import { CostBudget } from "@/lib/marketplaces/shopify/throttle";
import { CostBucket } from "@/sandbox/shopify/cost";

// The client's estimate of a shop's cost bucket, and the sandbox's bucket itself.

const status = (currentlyAvailable: number) => ({ maximumAvailable: 2000, currentlyAvailable, restoreRate: 100 });

describe("the client's cost budget", () => {
  it("sends at once what fits, and waits for what does not", () => {
    const b = new CostBudget();
    expect(b.waitMs("ProductsPage", 0)).toBe(0);
    b.record("ProductsPage", 692, status(300), 0);
    // 392 points short at 100 a second.
    expect(b.waitMs("ProductsPage", 0)).toBe(3920);
    expect(b.waitMs("ProductsPage", 2000)).toBe(1920);
    expect(b.waitMs("ProductsPage", 4000)).toBe(0);
    // An operation never seen has no known cost: sent, and learned from its answer.
    expect(b.waitMs("Other", 0)).toBe(0);
  });

  it("never counts on more than the bucket holds", () => {
    const b = new CostBudget();
    b.record("Q", 10, status(1990), 0);
    expect(b.available(3_600_000)).toBe(2000);
  });

  it("after a refusal waits until the requested points are back, at least a tenth of a second", () => {
    const b = new CostBudget();
    expect(b.waitAfterRefusal(692, status(192))).toBe(5000);
    expect(b.waitAfterRefusal(10, status(9))).toBe(100);
  });
});

describe("the sandbox's bucket", () => {
  it("leaks at its restore rate and refuses without charging", () => {
    const bucket = new CostBucket(1000, 100, 0);
    expect(bucket.take(800, 0)).toBe(true);
    expect(bucket.take(300, 0)).toBe(false);
    expect(bucket.status(0).currentlyAvailable).toBe(200);
    expect(bucket.take(300, 1000)).toBe(true);
    expect(bucket.status(100_000).currentlyAvailable).toBe(1000);
  });
});
