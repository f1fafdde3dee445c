import { describe, expect, it } from "vitest";
import { signInDecision, throttleDecision, waitMessage } from "@/lib/auth/throttle";

const now = new Date("2026-01-01T12:00:00Z");
const ago = (min: number) => new Date(now.getTime() - min * 60_000);
const fail = (min: number) => ({ succeeded: false, at: ago(min) });
const ok = (min: number) => ({ succeeded: true, at: ago(min) });

describe("sign-in throttling", () => {
  it.each([
    ["no attempts", [], true],
    ["4 failures", [fail(1), fail(2), fail(3), fail(4)], true],
    ["5 failures in 15 minutes", [fail(1), fail(2), fail(3), fail(4), fail(5)], false],
    ["5 failures, one older than 15 minutes", [fail(1), fail(2), fail(3), fail(4), fail(16)], true],
    ["5 failures before a success", [ok(1), fail(2), fail(3), fail(4), fail(5), fail(6)], true],
    ["a success then 5 failures", [fail(1), fail(2), fail(3), fail(4), fail(5), ok(6)], false],
  ])("%s -> allowed: %s", (_label, attempts, allowed) => {
    expect(throttleDecision(attempts, now).allowed).toBe(allowed);
  });

  it("waits until the oldest counted failure leaves the window", () => {
    const d = throttleDecision([fail(1), fail(2), fail(3), fail(4), fail(10)], now);
    expect(d).toEqual({ allowed: false, retryAfterMs: 5 * 60_000 });
    expect(waitMessage(5 * 60_000)).toMatch(/Wait 5 minutes/);
    expect(waitMessage(30_000)).toMatch(/Wait 1 minute /);
  });
});

describe("sign-in buckets", () => {
  const from = (ip: string, min: number, succeeded = false) => ({ ip, succeeded, at: ago(min) });
  it.each([
    ["5 failures from this address", [1, 2, 3, 4, 5].map((m) => from("a", m)), "a", false],
    ["5 failures from another address", [1, 2, 3, 4, 5].map((m) => from("b", m)), "a", true],
    ["25 failures from many addresses", Array.from({ length: 25 }, (_, i) => from(`x${i}`, 1)), "a", false],
  ])("%s -> allowed: %s", (_label, account, ip, allowed) => {
    expect(signInDecision({ account, fromIp: [], ip, now }).allowed).toBe(allowed);
  });

  it("20 failures from one address across accounts stop it, even after a success of its own", () => {
    const fromIp = [...Array.from({ length: 20 }, () => fail(2)), ok(1)];
    expect(signInDecision({ account: [], fromIp, ip: "a", now }).allowed).toBe(false);
    expect(signInDecision({ account: [], fromIp, ip: null, now }).allowed).toBe(true);
  });
});
