import { describe, expect, it } from "vitest";
import type { Role } from "@/db/schema";
import { leavesNoOwner } from "@/lib/orgs/roles";
import { assertRole, roleAtLeast } from "@/lib/tenancy/context";

describe("roles", () => {
  it.each<[Role, Role, boolean]>([
    ["owner", "owner", true],
    ["owner", "manager", true],
    ["owner", "viewer", true],
    ["manager", "owner", false],
    ["manager", "manager", true],
    ["manager", "viewer", true],
    ["viewer", "owner", false],
    ["viewer", "manager", false],
    ["viewer", "viewer", true],
  ])("%s is at least %s: %s", (role, min, expected) => {
    expect(roleAtLeast(role, min)).toBe(expected);
  });

  it("tells a viewer why they cannot write", () => {
    expect(() => assertRole({ orgId: "o", userId: "u", role: "viewer" }, "manager")).toThrow(/Viewers cannot change anything/);
    expect(() => assertRole({ orgId: "o", userId: "u", role: "manager" }, "owner")).toThrow(/Only owners/);
    expect(() => assertRole({ orgId: "o", userId: "u", role: "owner" }, "owner")).not.toThrow();
  });

  it.each<[number, Role, Role | null, boolean]>([
    [1, "owner", "manager", true],
    [1, "owner", null, true],
    [1, "owner", "owner", false],
    [2, "owner", "viewer", false],
    [2, "owner", null, false],
    [1, "manager", null, false],
    [1, "viewer", "owner", false],
  ])("with %i owner(s), %s -> %s leaves no owner: %s", (owners, from, to, expected) => {
    expect(leavesNoOwner(owners, from, to)).toBe(expected);
  });
});
