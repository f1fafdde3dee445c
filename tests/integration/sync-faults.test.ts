import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { orderLines, orders } from "@/db/schema";
import { runConnectionSync } from "@/lib/sync/run";
import { connectShop, onHand, startEngineSandbox } from "./engine-harness";
import { etsyAvailable, type Control } from "./sandbox-control";
import { makeOrg } from "./sync-fixtures";

// 500 sales across three shops while the marketplaces fail 20% of calls: the ledger
// must end exactly right, with every order once, and every channel right after.

let control: Control;
let close: () => Promise<void>;
beforeAll(async () => {
  const started = await startEngineSandbox({ timeoutMs: 300 });
  control = started.control;
  close = () => started.sandbox.close();
});
afterAll(async () => close?.());

const SALES = 500;
const START = 1000;

describe("sync under marketplace faults", () => {
  it("500 sales across 3 shops with 20% faults end in the exact ledger, no order missing or duplicated", { timeout: 600_000 }, async () => {
    const tag = `f${Date.now() % 100000}`;
    const skus = [0, 1, 2, 3, 4].map((i) => `F-${tag}-${i}`);
    const org = await makeOrg();
    const shopA = await control.etsyShop({ shop_name: `A${tag}`, listings: skus.map((sku) => ({ title: sku, sku, quantity: START, price: 5 })) });
    const shopB = await control.etsyShop({ shop_name: `B${tag}`, listings: skus.map((sku) => ({ title: sku, sku, quantity: START, price: 5 })) });
    const seller = `c${tag}`;
    await control.ebaySeller({ username: seller, items: skus.map((sku) => ({ sku, title: sku, quantity: START, price: 5 })) });
    const conns = [await connectShop(org.id, "etsy", `A${tag}`), await connectShop(org.id, "etsy", `B${tag}`), await connectShop(org.id, "ebay", seller)];
    for (const c of conns) await runConnectionSync(c.id, "orders", "connected");

    for (const marketplace of ["etsy", "ebay"] as const)
      for (const kind of ["rate_limit", "server_error", "timeout", "expire_tokens"]) await control.fault({ marketplace, kind, probability: 0.05 });

    const sold = new Map(skus.map((s) => [s, 0]));
    const placed = [0, 0, 0];
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 48271) % 2147483647;
      return seed % n;
    };
    for (let i = 0; i < SALES; i++) {
      const shop = rand(3);
      const k = rand(skus.length);
      const quantity = 1 + rand(2);
      if (shop === 2) await control.ebayOrder(seller, { sku: skus[k], quantity });
      else {
        const s = shop === 0 ? shopA : shopB;
        await control.etsySale(s.shop_id, { listing_id: s.listing_ids[k], sku: skus[k], quantity });
      }
      sold.set(skus[k], (sold.get(skus[k]) ?? 0) + quantity);
      placed[shop]++;
      if (i % 50 === 49) for (const c of conns) for (const kind of ["orders", "push"] as const) await runConnectionSync(c.id, kind, "schedule");
    }

    await control.clearFaults();
    for (let round = 0; round < 2; round++) for (const c of conns) for (const kind of ["orders", "push"] as const) await runConnectionSync(c.id, kind, "schedule");

    for (const sku of skus) expect(await onHand(org.id, sku)).toBe(START - (sold.get(sku) ?? 0));
    for (const [i, c] of conns.entries()) {
      const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(orders).where(eq(orders.connectionId, c.id));
      expect(count.n).toBe(placed[i]);
    }
    const dupes = await db
      .select({ orderId: orderLines.orderId, line: orderLines.externalLineId })
      .from(orderLines)
      .where(eq(orderLines.orgId, org.id))
      .groupBy(orderLines.orderId, orderLines.externalLineId)
      .having(sql`count(*) > 1`);
    expect(dupes).toEqual([]);
    for (const [k, sku] of skus.entries()) {
      const expected = START - (sold.get(sku) ?? 0);
      expect(etsyAvailable(await control.etsyListing(shopA.listing_ids[k]), sku)).toBe(expected);
      expect(etsyAvailable(await control.etsyListing(shopB.listing_ids[k]), sku)).toBe(expected);
      const item = (await control.ebayItem(seller, sku)) as { offers?: { availableQuantity?: number }[] };
      expect(item.offers?.[0]?.availableQuantity).toBe(expected);
    }
  });
});
