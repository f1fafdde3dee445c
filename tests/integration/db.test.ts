import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, dbKind } from "@/db/client";
import { migrateDb } from "@/db/migrate";
import { organizations, products, stockMovements } from "@/db/schema";

describe("database", () => {
  it("migrates and enforces the idempotency keys", async () => {
    await migrateDb();
    expect(["pglite", "postgres"]).toContain(dbKind());
    const [org] = await db.insert(organizations).values({ name: "Keys", slug: `keys-${Date.now()}` }).returning();
    const [p] = await db.insert(products).values({ orgId: org.id, sku: "A-1", title: "A" }).returning();
    await expect(db.insert(products).values({ orgId: org.id, sku: "A-1", title: "dup" })).rejects.toThrow();
    const key = `manual:${p.id}`;
    await db.insert(stockMovements).values({ orgId: org.id, productId: p.id, delta: 1, onHandAfter: 1, reason: "manual", sourceKey: key, actorType: "system" });
    await expect(
      db.insert(stockMovements).values({ orgId: org.id, productId: p.id, delta: 1, onHandAfter: 2, reason: "manual", sourceKey: key, actorType: "system" }),
    ).rejects.toThrow();
    const rows = await db.execute(sql`select count(*)::int as n from stock_movements where source_key = ${key}`);
    expect(rows).toBeDefined();
  });
});
