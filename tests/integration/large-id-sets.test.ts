import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { alerts, products } from "@/db/schema";
import { inSet, notInSet, rowsOf } from "@/db/sets";
import { checkLowStock } from "@/lib/alerts/low-stock";
import { onStockChanged } from "@/lib/sync/triggers";
import { makeOrg } from "./sync-fixtures";

// A first import can touch more products than PostgreSQL has bind parameters (65,535):
// the follow-up checks pass the ids as one value, not one parameter each.
describe("follow-ups over a very large import", () => {
  it("checks low stock and requests pushes for 70,000 product ids in one call, finding the real ones among them", async () => {
    const org = await makeOrg({ lowStockThreshold: 5 });
    const real = await db
      .insert(products)
      .values([
        { orgId: org.id, sku: "LOW-1", title: "Low", onHand: 2 },
        { orgId: org.id, sku: "OK-1", title: "Fine", onHand: 50 },
      ])
      .returning({ id: products.id, sku: products.sku });
    const ids = [...Array.from({ length: 70_000 }, () => randomUUID()), ...real.map((p) => p.id)];
    const report = await checkLowStock(org.id, ids);
    expect(report.opened).toBe(1);
    const open = await db.select({ productId: alerts.productId }).from(alerts).where(and(eq(alerts.orgId, org.id), eq(alerts.state, "open")));
    expect(open.map((a) => a.productId)).toEqual([real.find((p) => p.sku === "LOW-1")?.id]);
    await expect(onStockChanged(org.id, ids)).resolves.toBeUndefined();
  });
});

describe("set parameters", () => {
  const values = ['a,b', 'q"uote', "{brace}", "back\\slash", "NULL", " spaced ", "ünï"];
  const table = sql`(values ${sql.join(
    [...values, "other"].map((v) => sql`(${v})`),
    sql`, `,
  )}) as t(x)`;

  it("match text values exactly, whatever characters they hold", async () => {
    const rows = rowsOf<{ x: string }>(await db.execute(sql`select x from ${table} where ${inSet(sql`x`, values)} order by x`));
    expect(rows.map((r) => r.x)).toEqual([...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const rest = rowsOf<{ x: string }>(await db.execute(sql`select x from ${table} where ${notInSet(sql`x`, values)}`));
    expect(rest.map((r) => r.x)).toEqual(["other"]);
  });

  it("treat an empty list as matching nothing (in) and everything (not in)", async () => {
    expect(rowsOf(await db.execute(sql`select x from ${table} where ${inSet(sql`x`, [])}`))).toHaveLength(0);
    expect(rowsOf(await db.execute(sql`select x from ${table} where ${notInSet(sql`x`, [])}`))).toHaveLength(values.length + 1);
  });
});
