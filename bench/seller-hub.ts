// bench:sync rows for eBay Seller Hub listings (Trading API): the import of LISTINGS
// listings (GetMyeBaySelling, 200 a page) and CHANGES quantity changes pushed with
// ReviseInventoryStatus (4 a call), against the in-process sandbox.

import type { RunningSandbox } from "@/sandbox/app";

type RowFn = (measure: string, value: number, floor: number, unit?: string) => void;

/** eBay's app rate in the sandbox runs (EBAY_RATE_PER_SECOND) and ReviseInventoryStatus' per-seller limit. */
const EBAY_RATE = 20;
const REVISE_PER_SECOND = 6_000 / 15;

export async function benchSellerHub(sandbox: RunningSandbox, row: RowFn, listings: number, changes: number): Promise<void> {
  const { connectShop, sync } = await import("../tests/integration/engine-harness");
  const { makeOrg } = await import("../tests/integration/sync-fixtures");
  const { db } = await import("@/db/client");
  const { and, eq, isNotNull } = await import("drizzle-orm");
  const { channelItems, products } = await import("@/db/schema");
  const { applyMovement } = await import("@/lib/inventory/ledger");
  const { seedSeller } = await import("@/sandbox/control/ebay");

  const org = await makeOrg();
  const username = `benchhub${Date.now().toString(36)}`;
  // Quantities above the default low-stock threshold: this measures eBay reads, not alert emails.
  // Generated in process: a control API body this large is not what the API is for.
  seedSeller(sandbox.sandbox, {
    username,
    items: [],
    trading_listings: Array.from({ length: listings }, (_, i) => ({ title: `Seller Hub listing ${i + 1}`, sku: `HUB-${username}-${i + 1}`, quantity: (i % 17) + 8, price: 12 })),
  });
  const conn = await connectShop(org.id, "ebay", username);
  let t0 = performance.now();
  const imported = await sync(conn.id, "listings");
  const importSecs = (performance.now() - t0) / 1000;
  // One (empty) Inventory page, ceil(N/200) GetMyeBaySelling pages and one GetSellerList page
  // of recently ended listings; the first poll also reads GetUserPreferences and
  // GetApiAccessRules (then daily), counted in the measure.
  const importFloor = 2 + Math.ceil(listings / 200);
  row(`import of ${listings} Seller Hub listings: API calls`, imported.apiCalls, importFloor, "calls");
  row(`import of ${listings} Seller Hub listings: wall time`, importSecs, importFloor / EBAY_RATE, "s");

  const linked = await db
    .select({ id: products.id })
    .from(products)
    .innerJoin(channelItems, and(eq(channelItems.productId, products.id), eq(channelItems.connectionId, conn.id)))
    .where(and(eq(products.orgId, org.id), isNotNull(channelItems.productId)))
    .limit(changes);
  for (const [i, p] of linked.entries()) {
    await db.transaction((tx) => applyMovement(tx, { orgId: org.id, productId: p.id, delta: 1, reason: "manual", sourceKey: `bench-hub:${p.id}:${i}`, actor: { type: "system" } }));
  }
  const before = sandbox.sandbox.stats.ebay.by_operation.ReviseInventoryStatus ?? 0;
  t0 = performance.now();
  const pushed = await sync(conn.id, "push");
  const pushSecs = (performance.now() - t0) / 1000;
  const revises = (sandbox.sandbox.stats.ebay.by_operation.ReviseInventoryStatus ?? 0) - before;
  const pushFloor = Math.ceil(linked.length / 4);
  row(`${linked.length} changes pushed through ReviseInventoryStatus: calls`, pushed.apiCalls, pushFloor, "calls");
  row(`${linked.length} changes pushed through ReviseInventoryStatus: wall time (app ${EBAY_RATE}/s, seller ${REVISE_PER_SECOND}/s)`, pushSecs, pushFloor / Math.min(EBAY_RATE, REVISE_PER_SECOND), "s");
  console.error(`seller hub: import ${imported.apiCalls} calls ${importSecs.toFixed(1)} s; push ${pushed.apiCalls} calls (${revises} ReviseInventoryStatus) ${pushSecs.toFixed(1)} s`);
}
