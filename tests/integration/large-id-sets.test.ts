import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkLowStock } from "@/lib/alerts/low-stock";
import { onStockChanged } from "@/lib/sync/triggers";
import { makeOrg } from "./sync-fixtures";

// A first import can touch more products than PostgreSQL has bind parameters (65,535):
// the follow-up checks pass the ids as one value, not one parameter each.
describe("follow-ups over a very large import", () => {
  it("checks low stock and requests pushes for 70,000 product ids in one call", async () => {
    const org = await makeOrg();
    const ids = Array.from({ length: 70_000 }, () => randomUUID());
    await expect(checkLowStock(org.id, ids)).resolves.toBeDefined();
    await expect(onStockChanged(org.id, ids)).resolves.toBeUndefined();
  });
});
