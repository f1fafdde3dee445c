import { describe, expect, it } from "vitest";
import { MAX_ATTEMPTS, retryDelayMs, statusAfterFailure } from "@/lib/email/backoff";
import { slugify } from "@/lib/orgs/slug";
import { safeNextPath } from "@/lib/auth/redirects";

describe("email retry backoff", () => {
  it.each([
    [1, 60_000],
    [2, 120_000],
    [3, 240_000],
    [10, 6 * 60 * 60_000],
  ])("after %i failed attempts waits %i ms", (attempts, ms) => {
    expect(retryDelayMs(attempts)).toBe(ms);
  });

  it("keeps retrying until MAX_ATTEMPTS, then parks the message as failed (kept, not deleted)", () => {
    expect(statusAfterFailure(MAX_ATTEMPTS - 1)).toBe("pending");
    expect(statusAfterFailure(MAX_ATTEMPTS)).toBe("failed");
  });
});

describe("organization slugs", () => {
  it.each([
    ["Maple & Thread Co.", "maple-thread-co"],
    ["  Crème Brûlée  ", "creme-brulee"],
    ["!!!", "org"],
    ["a".repeat(60), "a".repeat(40)],
  ])("%s -> %s", (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });
});

describe("redirect after sign-in", () => {
  it.each([
    ["/members", "/members"],
    ["/invite/abc", "/invite/abc"],
    ["//evil.test", "/inventory"],
    ["https://evil.test", "/inventory"],
    ["/\\evil.test", "/inventory"],
    [null, "/inventory"],
  ])("%s -> %s", (next, path) => {
    expect(safeNextPath(next)).toBe(path);
  });
});
