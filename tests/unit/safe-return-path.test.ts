import { describe, expect, it } from "vitest";
import { safeReturnPath } from "@/lib/connections/oauth-state";

describe("return paths after connecting", () => {
  it.each([
    ["/connections", "/connections"],
    ["/inventory?filter=low#top", "/inventory?filter=low#top"],
    ["/a/../connections", "/connections"],
    [null, "/connections"],
    ["", "/connections"],
    ["https://evil.example/phish", "/connections"],
    ["//evil.example", "/connections"],
    ["/\\evil.example", "/connections"],
    ["/\tevil", "/connections"],
    ["/%0a/evil.example", "/%0a/evil.example"],
    ["javascript:alert(1)", "/connections"],
    ["connections", "/connections"],
    ["/" + "a".repeat(600), "/connections"],
  ])("%j → %j", (input, expected) => expect(safeReturnPath(input)).toBe(expected));
});
