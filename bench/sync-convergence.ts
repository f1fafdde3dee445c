// Convergence after load (bench:sync): a burst of sales on Etsy and eBay while the engine
// polls orders every POLL_MS and pushes as soon as an orders poll changed stock; measured
// from the last sale until every channel shows its target. Floor: one poll interval (the
// last sale may land just after a poll) plus one push of the touched listings at the rate limit.
import { runConnectionSync } from "@/lib/sync/run";
import { connectShop } from "../tests/integration/engine-harness";
import { etsyAvailable, type Control } from "../tests/integration/sandbox-control";
import { makeOrg } from "../tests/integration/sync-fixtures";

// Etsy refuses offering quantities above 999.
const START = 900;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type Convergence = { seconds: number; floorSeconds: number; sales: number; skus: number };

export async function measureConvergence(control: Control, o: { sales: number; skus: number; pollMs: number; etsyRate: number }): Promise<Convergence> {
  const run = Date.now().toString(36);
  const skus = Array.from({ length: o.skus }, (_, i) => `BURST-${run}-${i}`);
  const shop = await control.etsyShop({ shop_name: `BenchBurst${run}`, listings: skus.map((sku) => ({ title: sku, sku, quantity: START, price: 5 })) });
  const seller = `benchburst${run}`;
  await control.ebaySeller({ username: seller, items: skus.map((sku) => ({ sku, title: sku, quantity: START, price: 5 })) });
  const org = await makeOrg();
  const conns = [await connectShop(org.id, "etsy", `BenchBurst${run}`), await connectShop(org.id, "ebay", seller)];
  for (const c of conns) await runConnectionSync(c.id, "orders", "connected");

  // The scheduler, compressed: per connection one sync at a time, connections in parallel;
  // an orders poll that created orders asks every connection to push next (push.requested).
  let polling = true;
  const wantPush = new Set<string>();
  const loops = conns.map(async (c) => {
    while (polling) {
      const started = performance.now();
      const orders = await runConnectionSync(c.id, "orders", "schedule");
      if (orders.status !== "skipped" && orders.run.itemsCreated > 0) for (const x of conns) wantPush.add(x.id);
      while (wantPush.delete(c.id)) await runConnectionSync(c.id, "push", "stock");
      await sleep(Math.max(0, o.pollMs - (performance.now() - started)));
    }
  });

  const sold = new Map(skus.map((s) => [s, 0]));
  let lastSale = 0;
  for (let i = 0; i < o.sales; i++) {
    const k = i % skus.length;
    if (i % 2 === 0) await control.etsySale(shop.shop_id, { listing_id: shop.listing_ids[k], sku: skus[k], quantity: 1 });
    else await control.ebayOrder(seller, { sku: skus[k], quantity: 1 });
    sold.set(skus[k], (sold.get(skus[k]) ?? 0) + 1);
    lastSale = performance.now();
  }
  for (;;) {
    let off = "";
    for (const [k, sku] of skus.entries()) {
      const target = START - (sold.get(sku) ?? 0);
      const etsy = etsyAvailable(await control.etsyListing(shop.listing_ids[k]), sku);
      const ebay = ((await control.ebayItem(seller, sku)) as { offers?: { availableQuantity?: number }[] }).offers?.[0]?.availableQuantity;
      if (etsy !== target || ebay !== target) {
        off = `${sku} target ${target}, Etsy ${etsy}, eBay ${ebay}`;
        break;
      }
    }
    if (!off) break;
    if (performance.now() - lastSale > 120_000) throw new Error(`the channels did not reach their targets within 120 s of the last sale: ${off}`);
    await sleep(20);
  }
  const seconds = (performance.now() - lastSale) / 1000;
  polling = false;
  await Promise.all(loops);
  // Every listing was sold on, so one push is a batch read plus one PUT per listing (Etsy), in parallel with eBay's ceil(n/25).
  const pushSeconds = Math.max((Math.ceil(o.skus / 25) + o.skus) / o.etsyRate, Math.ceil(o.skus / 25) / 20);
  return { seconds, floorSeconds: o.pollMs / 1000 + pushSeconds, sales: o.sales, skus: o.skus };
}
