// bench:sync rows for Shopify: the first import of a store of VARIANTS variants and CHANGES
// quantity changes pushed with compare-and-set, against the in-process sandbox, whose Admin
// GraphQL charges Shopify's calculated query cost from a leaky bucket (sandbox/shopify/cost.ts).
// Shopify limits by cost per store, not by calls: each row is given in calls and in cost points.

import type { RunningSandbox } from "@/sandbox/app";

type RowFn = (measure: string, value: number, floor: number, unit?: string) => void;

/** The bucket the bench's sandbox is started with: Shopify Plus (20,000 points, 1,000 a second). */
export const SHOPIFY_BENCH_BUCKET = { bucketSize: 20_000, restorePerSecond: 1_000 };
/** Variants per product in the seeded store: what fits in one ProductsPage (5 inline) without extra pages. */
const VARIANTS_PER_PRODUCT = 4;
/** ProductsPage size and push batch (lib/marketplaces/shopify/adapter.ts, push.ts). */
const PRODUCTS_PER_PAGE = 30;
const PUSH_BATCH = 50;

export async function benchShopify(sandbox: RunningSandbox, row: RowFn, variants: number, changes: number): Promise<void> {
  const { connectShop, sync } = await import("../tests/integration/engine-harness");
  const { makeOrg } = await import("../tests/integration/sync-fixtures");
  const { db } = await import("@/db/client");
  const { and, eq, isNotNull } = await import("drizzle-orm");
  const { channelItems, products } = await import("@/db/schema");
  const { applyMovement } = await import("@/lib/inventory/ledger");
  const { seedShopifyShop } = await import("@/sandbox/control/shopify");
  const { shopifyStats } = await import("@/sandbox/stats");
  const stats = () => shopifyStats(sandbox.sandbox.stats);

  const org = await makeOrg();
  const domain = `bench${Date.now().toString(36)}.myshopify.com`;
  const productCount = Math.ceil(variants / VARIANTS_PER_PRODUCT);
  // Generated in process: a control API body this large is not what the API is for.
  // Quantities above the default low-stock threshold: this measures Shopify reads, not alert emails.
  const seeded = seedShopifyShop(sandbox.sandbox, {
    domain,
    products: Array.from({ length: productCount }, (_, p) => ({
      title: `Product ${p + 1}`,
      variants: Array.from({ length: Math.min(VARIANTS_PER_PRODUCT, variants - p * VARIANTS_PER_PRODUCT) }, (_, v) => ({ title: `V${v + 1}`, sku: `SHOP-${p + 1}-${v + 1}`, quantity: ((p + v) % 17) + 8, price: 12 })),
    })),
  });
  if ("error" in seeded) throw new Error(seeded.error);
  const conn = await connectShop(org.id, "shopify", domain);

  let before = { calls: stats().calls, cost: stats().cost_points };
  let t0 = performance.now();
  const imported = await sync(conn.id, "listings");
  const importSecs = (performance.now() - t0) / 1000;
  const importCost = stats().cost_points - before.cost;
  // Floor: one ProductsPage a page of products (the managed location is known from the connect,
  // which read the store's locations). Cost floor: what Shopify's formula charges for exactly
  // the objects Stockroom needs, with no page larger than what it holds: a products connection per page (2), per product the product (1) and its
  // variants connection (2), per variant the variant, its inventory item (pushes address it) and
  // its level at the location (1 each). Wall times are printed, not judged: with the bucket full
  // at the start the cost floor's time is near zero, so the database's own time is all there is.
  const pages = Math.ceil(productCount / PRODUCTS_PER_PAGE);
  const importFloor = pages;
  const importCostFloor = 2 * pages + 3 * productCount + 3 * variants;
  row(`import of ${variants} Shopify variants: API calls`, imported.apiCalls, importFloor, "calls");
  row(`import of ${variants} Shopify variants: cost points`, importCost, importCostFloor, "points");

  const linked = await db
    .select({ id: products.id })
    .from(products)
    .innerJoin(channelItems, and(eq(channelItems.productId, products.id), eq(channelItems.connectionId, conn.id)))
    .where(and(eq(products.orgId, org.id), isNotNull(channelItems.productId)))
    .limit(changes);
  for (const [i, p] of linked.entries()) {
    await db.transaction((tx) => applyMovement(tx, { orgId: org.id, productId: p.id, delta: 1, reason: "manual", sourceKey: `bench-shopify:${p.id}:${i}`, actor: { type: "system" } }));
  }
  before = { calls: stats().calls, cost: stats().cost_points };
  t0 = performance.now();
  const pushed = await sync(conn.id, "push");
  const pushSecs = (performance.now() - t0) / 1000;
  const pushCost = stats().cost_points - before.cost;
  // Floor: per batch of 50, one read of `available` and one inventorySetQuantities (10 points a
  // mutation); the read costs at least the inventory item and its level (1 each) per item.
  const batches = Math.ceil(linked.length / PUSH_BATCH);
  const pushCostFloor = batches * 10 + 2 * linked.length;
  row(`${linked.length} changes pushed to Shopify: calls`, pushed.apiCalls, 2 * batches, "calls");
  row(`${linked.length} changes pushed to Shopify: cost points`, pushCost, pushCostFloor, "points");
  console.error(`shopify: import ${imported.apiCalls} calls ${importCost} points ${importSecs.toFixed(1)} s; push ${pushed.apiCalls} calls ${pushCost} points ${pushSecs.toFixed(1)} s`);
}
