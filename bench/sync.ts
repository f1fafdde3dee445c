// npm run bench:sync — the sync engine against the in-process sandbox at real Etsy limits.
// Writes bench/reports/sync.md and prints the table of ratios (measured / floor).
process.env.PGLITE_DIR ??= "memory://";
process.env.AUTH_SECRET ??= "bench-auth-secret-bench-auth-secret-0123456789";
process.env.ENCRYPTION_KEY ??= "bench1:MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDE=";
process.env.SCHEDULER = "off";

import { mkdirSync, writeFileSync } from "node:fs";
import { and, eq, isNotNull } from "drizzle-orm";

const LISTINGS = Number(process.env.BENCH_LISTINGS ?? 10_000);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 1_000);
const SALES = Number(process.env.BENCH_SALES ?? 20);
const POLL_MS = Number(process.env.BENCH_POLL_MS ?? 1_000);
const ETSY_RATE = 10;

type Row = { measure: string; value: string; floor: string; ratio: string };
const rows: Row[] = [];
const fmt = (n: number, digits = 1) => n.toFixed(digits);
function row(measure: string, value: number, floor: number, unit = "") {
  rows.push({ measure, value: `${fmt(value, unit === "calls" ? 0 : 2)} ${unit}`.trim(), floor: `${fmt(floor, unit === "calls" ? 0 : 2)} ${unit}`.trim(), ratio: fmt(value / floor, 2) });
}
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const { startEngineSandbox, connectShop, sync } = await import("../tests/integration/engine-harness");
  const { makeOrg } = await import("../tests/integration/sync-fixtures");
  const { db } = await import("@/db/client");
  const { channelItems, products } = await import("@/db/schema");
  const { applyMovement } = await import("@/lib/inventory/ledger");
  const { sandbox, control } = await startEngineSandbox({ etsy: { ratePerSecond: ETSY_RATE, ratePerDay: 100_000 } });

  // 1. Initial import of a big Etsy shop.
  const org = await makeOrg();
  await control.etsyShop({ shop_name: "BenchBig", listings: LISTINGS });
  const big = await connectShop(org.id, "etsy", "BenchBig");
  let t0 = performance.now();
  const importRun = await sync(big.id, "listings");
  const importSecs = (performance.now() - t0) / 1000;
  const importFloor = Math.ceil(LISTINGS / 100) + 1;
  row(`initial import of ${LISTINGS} listings: API calls`, importRun.apiCalls, importFloor, "calls");
  row(`initial import of ${LISTINGS} listings: wall time`, importSecs, importFloor / ETSY_RATE, "s");
  console.error(`import: ${importRun.apiCalls} calls, ${fmt(importSecs)} s, ${importRun.itemsSeen} items`);

  // 2. Incremental orders polls with nothing new.
  await sync(big.id, "orders");
  const etsyIdle = await sync(big.id, "orders");
  row("incremental orders poll, nothing new (Etsy): calls per poll", etsyIdle.apiCalls, 1, "calls");

  // 3. Sale-to-other-channel latency with the orders poll compressed to POLL_MS.
  const pairOrg = await makeOrg();
  const pair = await control.etsyShop({ shop_name: "BenchPair", listings: [{ title: "Mug", sku: "BENCH-MUG", quantity: 10_000, price: 10 }] });
  await control.ebaySeller({ username: "benchpair", items: [{ sku: "BENCH-MUG", title: "Mug", quantity: 10_000, price: 10 }] });
  const etsy = await connectShop(pairOrg.id, "etsy", "BenchPair");
  const ebay = await connectShop(pairOrg.id, "ebay", "benchpair");
  await sync(etsy.id, "orders");
  await sync(ebay.id, "orders");
  const ebayIdle = await sync(ebay.id, "orders");
  row("incremental orders poll, nothing new (eBay): calls per poll", ebayIdle.apiCalls, 1, "calls");
  let polling = true;
  const poller = (async () => {
    while (polling) {
      // The compressed schedule: an orders poll, then the push it asks for (no debounce).
      const started = performance.now();
      await sync(etsy.id, "orders");
      await sync(ebay.id, "push");
      await sleep(Math.max(0, POLL_MS - (performance.now() - started)));
    }
  })();
  const latencies: number[] = [];
  let expected = 10_000;
  for (let i = 0; i < SALES; i++) {
    await sleep(Math.random() * POLL_MS);
    expected -= 1;
    t0 = performance.now();
    await control.etsySale(pair.shop_id, { listing_id: pair.listing_ids[0], sku: "BENCH-MUG", quantity: 1 });
    for (;;) {
      const item = (await control.ebayItem("benchpair", "BENCH-MUG")) as { offers?: { availableQuantity?: number }[] };
      if (item.offers?.[0]?.availableQuantity === expected) break;
      if (performance.now() - t0 > 60_000) throw new Error("a sale did not reach eBay within 60 s");
      await sleep(20);
    }
    latencies.push(performance.now() - t0);
  }
  polling = false;
  await poller;
  const p50 = pct(latencies, 50) / 1000;
  const p95 = pct(latencies, 95) / 1000;
  // Floor: a sale waits on average half a poll interval for the next poll, at p95 95% of one.
  row(`sale → other channel latency p50 (poll every ${POLL_MS} ms)`, p50, POLL_MS / 2 / 1000, "s");
  row(`sale → other channel latency p95 (poll every ${POLL_MS} ms)`, p95, (POLL_MS * 0.95) / 1000, "s");

  // 4. CHANGES quantity changes pushed to Etsy and eBay.
  const linked = await db
    .select({ id: products.id, sku: products.sku, onHand: products.onHand })
    .from(products)
    .innerJoin(channelItems, and(eq(channelItems.productId, products.id), eq(channelItems.connectionId, big.id)))
    .where(and(eq(products.orgId, org.id), isNotNull(channelItems.productId)))
    .limit(CHANGES);
  await control.ebaySeller({ username: "benchbig", items: linked.map((p) => ({ sku: p.sku, title: p.sku, quantity: p.onHand, price: 10 })) });
  const bigEbay = await connectShop(org.id, "ebay", "benchbig");
  await sync(bigEbay.id, "orders");
  for (const [i, p] of linked.entries()) {
    await db.transaction((tx) => applyMovement(tx, { orgId: org.id, productId: p.id, delta: 1, reason: "manual", sourceKey: `bench:${p.id}:${i}`, actor: { type: "system" } }));
  }
  t0 = performance.now();
  const ebayPush = await sync(bigEbay.id, "push");
  const ebaySecs = (performance.now() - t0) / 1000;
  t0 = performance.now();
  const etsyPush = await sync(big.id, "push");
  const etsySecs = (performance.now() - t0) / 1000;
  const ebayFloor = Math.ceil(linked.length / 25);
  const etsyListings = new Set((await db.select({ l: channelItems.listingId }).from(channelItems).where(eq(channelItems.connectionId, big.id))).map((r) => r.l)).size;
  const etsyFloor = Math.min(etsyListings, linked.length);
  row(`${linked.length} changes pushed to eBay: calls`, ebayPush.apiCalls, ebayFloor, "calls");
  row(`${linked.length} changes pushed to eBay: wall time`, ebaySecs, ebayFloor / 20, "s");
  row(`${linked.length} changes pushed to Etsy: calls (floor: one PUT per listing)`, etsyPush.apiCalls, etsyFloor, "calls");
  row(`${linked.length} changes pushed to Etsy: wall time`, etsySecs, etsyFloor / ETSY_RATE, "s");

  await sandbox.close();
  const table = ["| measure | measured | floor | ratio |", "|---|---|---|---|", ...rows.map((r) => `| ${r.measure} | ${r.value} | ${r.floor} | ${r.ratio} |`)].join("\n");
  const report = `# Sync engine benchmark\n\nRun ${new Date().toISOString()} with the in-process sandbox at ${ETSY_RATE} Etsy requests/s (eBay 20/s), database: ${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite in memory"}.\nRatio = measured / floor (1.00 is the best possible).\n\n${table}\n`;
  mkdirSync("bench/reports", { recursive: true });
  writeFileSync("bench/reports/sync.md", report);
  console.log(table);
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
