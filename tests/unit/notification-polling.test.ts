import { describe, expect, it } from "vitest";
import { NOTIFICATIONS_FRESH_MS, notificationHealth, ordersPollDelayMs, ordersPollDelayWithNotificationsMs } from "@/lib/sync/polling";
import { Faults, seededRandom as seededRandomFor } from "@/sandbox/faults";

const MINUTE = 60_000;
const now = Date.parse("2026-12-01T12:00:00Z");

describe("orders polling with notifications", () => {
  it.each([
    ["never notified", null, 0, "none"],
    ["never notified, orders found", null, 3, "none"],
    ["notified a minute ago, nothing missed", new Date(now - MINUTE), 0, "healthy"],
    ["notified a minute ago, one missed", new Date(now - MINUTE), 1, "missed"],
    ["last notified two days ago, nothing missed", new Date(now - NOTIFICATIONS_FRESH_MS - MINUTE), 0, "none"],
    ["last notified two days ago, one missed", new Date(now - 2 * NOTIFICATIONS_FRESH_MS), 1, "missed"],
  ] as const)("%s → %s", (_name, seenAt, missed, health) => {
    expect(notificationHealth(seenAt, missed, now)).toBe(health);
  });

  it("healthy waits the listings interval, a miss goes back to the floor, otherwise the idle backoff", () => {
    expect(ordersPollDelayWithNotificationsMs("healthy", 0, 5, 15)).toBe(15 * MINUTE);
    expect(ordersPollDelayWithNotificationsMs("missed", 9, 5, 15)).toBe(5 * MINUTE);
    for (const idle of [0, 3, 6, 9]) expect(ordersPollDelayWithNotificationsMs("none", idle, 5, 15)).toBe(ordersPollDelayMs(idle, 5, 15));
    // A listings interval set below the orders floor never polls faster than the floor.
    expect(ordersPollDelayWithNotificationsMs("healthy", 0, 5, 2)).toBe(5 * MINUTE);
  });
});

describe("sandbox webhook faults", () => {
  it("act on notifications only, never on API calls, and a seeded probability draws the same every run", () => {
    const draws = () => {
      const f = new Faults();
      f.add({ marketplace: "etsy", kind: "webhook_drop", remaining: null, probability: 0.3, path: null, random: seededRandomFor(7) });
      return Array.from({ length: 20 }, () => f.fireWebhook("etsy", "order.paid") !== null);
    };
    const f = new Faults();
    f.add({ marketplace: "etsy", kind: "webhook_drop", remaining: null, probability: 1, path: null });
    expect(f.fire("etsy", "/v3/application/shops/1/receipts")).toBeNull();
    expect(f.fireWebhook("etsy", "order.paid")?.kind).toBe("webhook_drop");
    expect(f.fireWebhook("ebay", "ORDER_CONFIRMATION")).toBeNull();
    const a = draws();
    expect(a).toEqual(draws());
    expect(a.filter(Boolean).length).toBeGreaterThan(0);
    expect(a.filter(Boolean).length).toBeLessThan(20);
  });
});
