import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { organizations } from "@/db/schema";
import { getOrder, listOrders, listOrdersForProduct, salesByDay, topProducts } from "@/lib/sales/queries";
import { createConnection, createOrder, createOrg, createProduct, memberOf } from "../support/org-fixture";

describe("sales", () => {
  let ctx: Awaited<ReturnType<typeof memberOf>>;
  let etsy: { id: string };
  let mugId: string;
  let firstOrderId: string;

  beforeAll(async () => {
    const org = await createOrg();
    // New York: an order at 02:00 UTC on the 2nd belongs to the seller's 1st.
    await db.update(organizations).set({ settings: { timezone: "America/New_York" } }).where(eq(organizations.id, org.id));
    ctx = await memberOf(org.id, "viewer");
    etsy = await createConnection(org.id, "etsy", "Etsy shop");
    const ebay = await createConnection(org.id, "ebay", "eBay shop");
    mugId = (await createProduct(org.id, { sku: "MUG", title: "Mug" })).id;
    firstOrderId = (
      await createOrder(org.id, etsy.id, {
        placedAt: new Date("2026-03-02T02:00:00Z"),
        lines: [
          { title: "Mug", sku: "MUG", productId: mugId, quantity: 2, unitPriceMinor: 1500 },
          { title: "Bowl", sku: "BOWL", quantity: 1, unitPriceMinor: 900, cancelled: true },
        ],
      })
    ).id;
    await createOrder(org.id, etsy.id, { placedAt: new Date("2026-03-02T15:00:00Z"), lines: [{ title: "Bowl", sku: "BOWL", quantity: 1, unitPriceMinor: 900 }] });
    await createOrder(org.id, ebay.id, {
      placedAt: new Date("2026-03-02T16:00:00Z"),
      status: "shipped",
      currency: "GBP",
      lines: [{ title: "Mug", sku: "MUG", productId: mugId, quantity: 3, unitPriceMinor: 1200 }],
    });
  });

  it("lists orders across channels, newest first, and filters by channel, shop, status and org-local dates", async () => {
    const all = await listOrders(ctx, {});
    expect(all.total).toBe(3);
    expect(all.rows.map((r) => [r.marketplace, r.units])).toEqual([
      ["ebay", 3],
      ["etsy", 1],
      ["etsy", 3],
    ]);
    expect((await listOrders(ctx, { channel: "ebay" })).rows.map((r) => r.currency)).toEqual(["GBP"]);
    expect((await listOrders(ctx, { shop: etsy.id })).total).toBe(2);
    expect((await listOrders(ctx, { status: "shipped" })).total).toBe(1);
    expect((await listOrders(ctx, { from: "2026-03-01", to: "2026-03-01" })).rows.map((r) => r.id)).toEqual([firstOrderId]);
    expect((await listOrders(ctx, { from: "2026-03-02" })).total).toBe(2);
  });

  it("shows an order's lines, and 404s for another org", async () => {
    const order = await getOrder(ctx, firstOrderId);
    expect(order.lines.map((l) => [l.title, l.status])).toEqual([
      ["Bowl", "cancelled"],
      ["Mug", "active"],
    ]);
    const strangerOrg = await createOrg();
    const stranger = await memberOf(strangerOrg.id, "owner");
    await expect(getOrder(stranger, firstOrderId)).rejects.toMatchObject({ status: 404 });
    expect((await listOrders(stranger, {})).total).toBe(0);
    expect(await salesByDay(stranger, { from: "2026-03-01", to: "2026-03-03" })).toEqual([]);
  });

  it("adds up revenue and units per local day and channel, without cancelled lines", async () => {
    const rows = await salesByDay(ctx, { from: "2026-03-01", to: "2026-03-02" });
    expect(rows).toEqual(
      expect.arrayContaining([
        { day: "2026-03-01", marketplace: "etsy", currency: "USD", revenueMinor: 3000, units: 2 },
        { day: "2026-03-02", marketplace: "etsy", currency: "USD", revenueMinor: 900, units: 1 },
        { day: "2026-03-02", marketplace: "ebay", currency: "GBP", revenueMinor: 3600, units: 3 },
      ]),
    );
    expect(rows).toHaveLength(3);
  });

  it("ranks top products by units and lists a product's recent orders", async () => {
    const top = await topProducts(ctx, { from: "2026-03-01", to: "2026-03-02" });
    expect(top.map((t) => [t.key, t.currency, t.units])).toEqual([
      ["MUG", "GBP", 3],
      ["MUG", "USD", 2],
      ["BOWL", "USD", 1],
    ]);
    expect(top[0].productId).toBe(mugId);
    const recent = await listOrdersForProduct(ctx, mugId);
    expect(recent.map((r) => [r.marketplace, r.quantity])).toEqual([
      ["ebay", 3],
      ["etsy", 2],
    ]);
  });
});
