import { describe, expect, it } from "vitest";
import { parseRetryAfter, retryDelayMs } from "@/lib/marketplaces/backoff";

describe("retry-after parsing", () => {
  const now = Date.parse("2026-03-01T12:00:00Z");
  it.each([
    ["2", 2000],
    ["0.5", 500],
    ["Sun, 01 Mar 2026 12:00:05 GMT", 5000],
    ["Sun, 01 Mar 2026 11:00:00 GMT", 0],
    ["soon", null],
    [null, null],
  ])("%s → %s ms", (value, ms) => expect(parseRetryAfter(value, now)).toBe(ms));
});

describe("retry delay", () => {
  it.each([
    { attempt: 0, random: 0, expected: 150 },
    { attempt: 0, random: 1, expected: 300 },
    { attempt: 3, random: 1, expected: 2400 },
    { attempt: 10, random: 1, expected: 10_000 },
    { attempt: 10, random: 0, expected: 5000 },
  ])("attempt $attempt with jitter $random waits $expected ms", ({ attempt, random, expected }) => {
    expect(retryDelayMs({ attempt, retryAfterMs: null, baseMs: 300, capMs: 10_000, random: () => random })).toBe(expected);
  });

  it("never retries sooner than the server's retry-after", () => {
    for (const random of [0, 0.5, 1]) {
      const delay = retryDelayMs({ attempt: 0, retryAfterMs: 4000, baseMs: 300, capMs: 10_000, random: () => random });
      expect(delay).toBeGreaterThanOrEqual(4000);
      expect(delay).toBeLessThanOrEqual(4250);
    }
  });
});
