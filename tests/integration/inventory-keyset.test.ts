import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { products } from "@/db/schema";
import { listProducts } from "@/lib/inventory/queries";
import type { OrgContext } from "@/lib/tenancy/context";
import { makeOrg } from "./sync-fixtures";

// Deep pages follow a cursor (the last row shown) instead of an offset: the same rows, in the
// same order, as offset paging, however many rows share a sort value.
describe("inventory keyset paging", () => {
  it("walks every sort and direction page by page with the cursor, matching offset paging exactly", async () => {
    const org = await makeOrg();
    const ctx: OrgContext = { orgId: org.id, userId: "keyset-test", role: "owner" };
    await db.insert(products).values(
      Array.from({ length: 23 }, (_, i) => ({
        orgId: org.id,
        sku: `KS-${String(i).padStart(2, "0")}`,
        // Many ties: on hand repeats, titles repeat, so the SKU tie-breaker decides.
        title: `Mug ${i % 4}`,
        onHand: i % 3,
      })),
    );
    // Microsecond timestamps, some sharing a millisecond: a cursor carries PostgreSQL's text, not a Date.
    await db.execute(sql`update products set updated_at = '2026-01-01T00:00:00Z'::timestamptz + (abs(hashtext(sku)) % 5000) * interval '1 microsecond' where org_id = ${org.id}`);
    for (const sort of ["title", "sku", "on_hand", "updated"] as const)
      for (const dir of ["asc", "desc"] as const)
        for (const filter of [undefined, "low"] as const) {
          const base = { sort, dir, pageSize: 5, ...(filter ? { filter } : {}) };
          const byOffset: string[] = [];
          for (let page = 1; page <= 5; page++) byOffset.push(...(await listProducts(ctx, { ...base, page })).rows.map((r) => r.sku));
          const byCursor: string[] = [];
          let after: string | null = null;
          for (let page = 1; page <= 6; page++) {
            const p = await listProducts(ctx, { ...base, page, ...(after ? { after } : {}) });
            byCursor.push(...p.rows.map((r) => r.sku));
            // Every page counts all the matches, not those after its cursor.
            expect(p.total, `${sort} ${dir} ${filter ?? ""} total`).toBe(byOffset.length);
            after = p.nextCursor;
            if (!after) break;
          }
          expect(byCursor, `${sort} ${dir} ${filter ?? ""}`).toEqual(byOffset);
          // A page past the end has no row to count on: the total still comes back.
          expect((await listProducts(ctx, { ...base, page: 99 })).total).toBe(byOffset.length);
          expect(new Set(byCursor).size).toBe(byCursor.length);
        }
  });

  it("ignores a cursor it cannot read (first page)", async () => {
    const org = await makeOrg();
    const ctx: OrgContext = { orgId: org.id, userId: "keyset-test", role: "owner" };
    await db.insert(products).values([{ orgId: org.id, sku: "ONLY", title: "Only" }]);
    expect((await listProducts(ctx, { after: "not-a-cursor" })).rows.map((r) => r.sku)).toEqual(["ONLY"]);
  });
});
