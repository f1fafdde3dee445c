// Dashboard benchmark: seeds one organization with 100,000 products and 1,000,000
// stock movements on real PostgreSQL, then measures the inventory data request and
// manual stock edits by calling the lib functions directly (the same code the route
// handlers run) with concurrent callers. Writes bench/reports/dashboard.md.
//   DATABASE_URL=postgres://... npm run bench:dashboard
import "./no-scheduler";
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { performance } from "node:perf_hooks";
import { and, eq, sql } from "drizzle-orm";
import { closeDb, db, dbKind } from "@/db/client";
import { migrateDb } from "@/db/migrate";
import { rowsOf } from "@/db/sets";
import { marketplaceConnections, memberships, organizations, products, users } from "@/db/schema";
import { refreshBundles } from "@/lib/inventory/bundle-stock";
import { recordManualAdjustment } from "@/lib/inventory/manual";
import { listProducts, type ProductListQuery } from "@/lib/inventory/queries";
import type { OrgContext } from "@/lib/tenancy/context";
import { cpuMeter, localServerPid, type CpuUse } from "./cpu";
import { describeMeta, runMeta } from "./meta";
import { pageJsSize } from "./page-js-size";

const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 100_000);
const MOVEMENTS_PER_PRODUCT = 10;
const CONCURRENCY = 20;
// BENCH_BUNDLE_SHARE=0.1: that share of products are bundles of the two products before them (1 + 2 units).
const BUNDLE_SHARE = Number(process.env.BENCH_BUNDLE_SHARE ?? 0);

type Stats = { name: string; n: number; concurrency: number; p50: number; p95: number; p99: number; max: number; rps: number; cpu: CpuUse };

function stats(name: string, concurrency: number, samples: number[], wallMs: number, cpu: CpuUse): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
  return { name, n: s.length, concurrency, p50: q(50), p95: q(95), p99: q(99), max: s[s.length - 1], rps: (s.length / wallMs) * 1000, cpu };
}

// The local server's postmaster (null: a remote server, whose CPU this machine cannot see).
let postmaster: string | null = null;

/** Runs `total` calls of fn with `concurrency` callers in flight, timing each. */
async function load(name: string, total: number, concurrency: number, fn: (i: number) => Promise<unknown>): Promise<Stats> {
  const samples: number[] = [];
  let next = 0;
  const cpu = cpuMeter(postmaster);
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const t = performance.now();
        await fn(i);
        samples.push(performance.now() - t);
      }
    }),
  );
  const wall = performance.now() - start;
  return stats(name, concurrency, samples, wall, cpu(total));
}

/** CPU per request (app + PostgreSQL) and, with several callers, the mean latency that CPU alone allows on this machine's cores. */
function cpuCells(r: Stats): string {
  const { appMs, dbMs } = r.cpu;
  const total = appMs + (dbMs ?? 0);
  const used = `${appMs.toFixed(1)} + ${dbMs === null ? "?" : dbMs.toFixed(1)}`;
  const floor = r.concurrency > 1 && dbMs !== null ? ((r.concurrency * total) / cpus().length).toFixed(1) : "";
  return `${used} | ${floor}`;
}

async function seed(): Promise<OrgContext> {
  const t = performance.now();
  const [org] = await db.insert(organizations).values({ name: "Bench shop", slug: `bench-${randomUUID().slice(0, 8)}` }).returning();
  const [user] = await db.insert(users).values({ email: `bench-${randomUUID()}@bench.local`, name: "Bench" }).returning();
  await db.insert(memberships).values({ orgId: org.id, userId: user.id, role: "owner" });
  const words = sql`array['Mug','Bowl','Vase','Plate','Scarf','Candle','Print','Ring','Necklace','Poster','Tote','Card']`;
  const colours = sql`array['red','blue','green','black','white','ochre','teal','grey']`;
  await db.execute(sql`
    insert into products (org_id, sku, title, on_hand, reserve, low_stock_threshold)
    select ${org.id}::uuid, 'SKU-' || lpad(g::text, 6, '0'),
           initcap((${colours})[1 + g % 8]) || ' ' || (${words})[1 + (g / 8) % 12] || ' no. ' || g,
           0, (g % 7 = 0)::int, case when g % 10 = 0 then 12 else null end
    from generate_series(1, ${PRODUCTS}) g`);
  const [etsy, ebay] = await db
    .insert(marketplaceConnections)
    .values([
      { orgId: org.id, marketplace: "etsy", externalId: randomUUID(), name: "Bench Etsy" },
      { orgId: org.id, marketplace: "ebay", externalId: randomUUID(), name: "Bench eBay" },
    ])
    .returning({ id: marketplaceConnections.id });
  // Every product on Etsy, every other one on eBay: 150,000 channel items.
  await db.execute(sql`
    insert into channel_items (org_id, connection_id, external_id, sku, title, product_id, last_seen_quantity, push_status)
    select p.org_id, c.id, c.id || ':' || p.sku, p.sku, p.title, p.id, 0,
           case when p.sku like '%13' then 'failed' else 'in_sync' end
    from products p cross join (values (${etsy.id}::uuid, 0), (${ebay.id}::uuid, 1)) c(id, k)
    where p.org_id = ${org.id} and (c.k = 0 or right(p.sku, 1)::int % 2 = 0)`);
  // 10 movements per product, spread over the last 90 days, on_hand_after as a running sum.
  await db.execute(sql`
    insert into stock_movements (org_id, product_id, delta, on_hand_after, reason, source_key, actor_type, created_at)
    select org_id, id, d, sum(d) over (partition by id order by k), r, 'bench:' || id || ':' || k, 'system',
           now() - ((${MOVEMENTS_PER_PRODUCT} - k) * interval '9 days') + (hashtext(sku) % 1000) * interval '1 second'
    from (
      select p.org_id, p.id, p.sku, k,
             case when k = 1 then 30 + abs(hashtext(p.sku)) % 30 else -(abs(hashtext(p.sku || k)) % 4) end as d,
             case when k = 1 then 'import' else 'sale' end as r
      from products p cross join generate_series(1, ${MOVEMENTS_PER_PRODUCT}) k
      where p.org_id = ${org.id}
    ) m`);
  await db.execute(sql`
    update products p set on_hand = s.total
    from (select product_id, sum(delta)::int as total from stock_movements where org_id = ${org.id} group by product_id) s
    where s.product_id = p.id`);
  if (BUNDLE_SHARE > 0) await seedBundles(org.id);
  await openSteadyStateAlerts(org.id);
  // Steady state, as autovacuum leaves it: statistics fresh and the GIN pending lists merged.
  await db.execute(sql`vacuum analyze products`);
  await db.execute(sql`vacuum analyze channel_items`);
  await db.execute(sql`vacuum analyze stock_movements`);
  console.log(`seeded ${PRODUCTS} products, ${PRODUCTS * MOVEMENTS_PER_PRODUCT} movements in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return { orgId: org.id, userId: user.id, role: "owner" };
}

/** Every round(1/share)-th product becomes a bundle of the two before it; its stock is then derived from theirs. */
async function seedBundles(orgId: string) {
  const every = Math.max(3, Math.round(1 / BUNDLE_SHARE));
  const bundles = rowsOf<{ id: string }>(
    await db.execute(sql`
      insert into bundle_components (org_id, bundle_id, component_id, quantity)
      select b.org_id, b.id, c.id, k
      from products b cross join generate_series(1, 2) k
      join products c on c.org_id = b.org_id and c.sku = 'SKU-' || lpad((substr(b.sku, 5)::int - k)::text, 6, '0')
      where b.org_id = ${orgId} and substr(b.sku, 5)::int % ${every} = 0
      returning bundle_id as id`),
  );
  const ids = [...new Set(bundles.map((b) => b.id))];
  await db.transaction((tx) => refreshBundles(tx, orgId, ids));
  console.log(`seeded ${ids.length} bundles`);
}

/**
 * A live organization has an open (already emailed) alert for every product at or below its
 * threshold: checkLowStock runs after every change. Without them the first edit of each low
 * product (a third of the bundles) would open one and render its email inside the measured edit.
 */
async function openSteadyStateAlerts(orgId: string) {
  await db.execute(sql`
    insert into alerts (org_id, product_id, on_hand_at_open, threshold, emailed_at)
    select p.org_id, p.id, p.on_hand, coalesce(p.low_stock_threshold, 5), now()
    from products p
    where p.org_id = ${orgId} and p.on_hand <= coalesce(p.low_stock_threshold, 5)
    on conflict do nothing`);
}

async function existing(orgId: string): Promise<OrgContext> {
  const [m] = await db.select().from(memberships).where(eq(memberships.orgId, orgId));
  if (!m) throw new Error(`No organization ${orgId} to reuse.`);
  return { orgId, userId: m.userId, role: "owner" };
}

/** The server settings that decide what a write costs: CI's server runs with fsync and synchronous_commit off. */
async function durability(): Promise<string> {
  const show = async (name: string) => (await db.execute(sql.raw(`show ${name}`))) as unknown as Record<string, string>[];
  const names = ["server_version", "fsync", "synchronous_commit", "full_page_writes", "shared_buffers"];
  const values = await Promise.all(names.map(async (n) => `${n} ${String((await show(n))[0]?.[n] ?? "?").split(" ")[0]}`));
  return values.join(", ");
}

async function main() {
  const meta = runMeta();
  if (dbKind() !== "postgres") throw new Error("Set DATABASE_URL to a PostgreSQL database: the benchmark measures the production engine.");
  await migrateDb();
  // BENCH_ORG reuses an organization seeded by an earlier run with BENCH_KEEP=1 (iterating on indexes).
  const ctx = process.env.BENCH_ORG ? await existing(process.env.BENCH_ORG) : await seed();
  postmaster = await localServerPid();
  if (process.env.BENCH_SEED_ONLY) {
    console.log(`seeded org ${ctx.orgId}`);
    return closeDb();
  }
  const reads: [string, ProductListQuery][] = [
    ["first page (title)", {}],
    ["search 'teal vase'", { q: "teal vase" }],
    ["search SKU 'SKU-0421'", { q: "SKU-0421" }],
    ["filter low stock", { filter: "low" }],
    ["filter push failed", { filter: "push_failed" }],
    ["sort by on hand desc", { sort: "on_hand", dir: "desc" }],
    ["sort by updated, newest first", { sort: "updated", dir: "desc" }],
    ["page 1000 by on hand", { sort: "on_hand", page: 1000 }],
  ];
  // The same deep page reached by keyset: the cursor the page before it hands out (its Next link).
  const before = await listProducts(ctx, { sort: "on_hand", page: 999 });
  reads.push(["page 1000 by on hand, keyset", { sort: "on_hand", page: 1000, after: before.nextCursor ?? undefined }]);
  const results: Stats[] = [];
  for (const [name, q] of reads) {
    await listProducts(ctx, q); // warm
    results.push(await load(`read: ${name} (1 client)`, 100, 1, () => listProducts(ctx, q)));
    results.push(await load(`read: ${name} (${CONCURRENCY} clients)`, 400, CONCURRENCY, () => listProducts(ctx, q)));
  }
  // Stock edits of a bundle are refused (its stock is its components'): edits pick stocked products.
  const sample = await db
    .select({ id: products.id })
    .from(products)
    .where(and(eq(products.orgId, ctx.orgId), sql`not exists (select 1 from bundle_components bc where bc.bundle_id = products.id)`))
    .orderBy(sql`random()`)
    .limit(2000);
  const ids = sample.map((r) => r.id);
  results.push(await load(`edit: random products (${CONCURRENCY} clients)`, 2000, CONCURRENCY, (i) => recordManualAdjustment(ctx, { productId: ids[i], delta: 1 })));
  results.push(await load(`edit: one hot product (${CONCURRENCY} clients)`, 400, CONCURRENCY, () => recordManualAdjustment(ctx, { productId: ids[0], delta: 1 })));
  // Steady state, not the morning after a VACUUM: the 2,400 edits just made queued their rows'
  // trigrams in the search indexes' pending lists, which every search then scans.
  const teal = { q: "teal vase" };
  results.push(await load(`read: search 'teal vase' after the edits (${CONCURRENCY} clients)`, 400, CONCURRENCY, () => listProducts(ctx, teal)));

  const table = [
    "| scenario | n | p50 ms | p95 ms | p99 ms | max ms | ops/s | CPU ms/request: app + PostgreSQL | CPU-bound mean ms (callers × CPU ÷ cores) |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...results.map((r) => `| ${r.name} | ${r.n} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.max.toFixed(1)} | ${r.rps.toFixed(0)} | ${cpuCells(r)} |`),
  ].join("\n");
  console.log(table);
  const js = existsSync(".next/build-manifest.json")
    ? ["(app)/inventory", "(app)/products/[id]", "(app)/sales", "(app)/sync", "(app)/settings"].map((r) => {
        const s = pageJsSize(r);
        return `| /${r.replace("(app)/", "")} | ${s.files} | ${(s.bytes / 1024).toFixed(0)} KiB | ${(s.gzip / 1024).toFixed(0)} KiB |`;
      })
    : previousJsRows(process.env.BENCH_REPORT ?? "bench/reports/dashboard.md");
  const report = [
    "# Dashboard benchmark",
    "",
    `Run ${new Date().toISOString()} on ${describeMeta(meta)}; PostgreSQL (\`DATABASE_URL\`): ${await durability()}.`,
    "",
    `Data: one organization with ${PRODUCTS.toLocaleString("en")} products, ${(PRODUCTS * MOVEMENTS_PER_PRODUCT).toLocaleString("en")} stock movements, 2 connected shops and ${(PRODUCTS * 1.5).toLocaleString("en")} channel items${BUNDLE_SHARE > 0 ? `, ${(BUNDLE_SHARE * 100).toFixed(0)} % of products bundles of two others (BENCH_BUNDLE_SHARE)` : ""}, seeded with generate_series, then VACUUM ANALYZE.`,
    "",
    "Method: the lib functions behind the route handlers (`listProducts` for `GET /api/inventory`, `recordManualAdjustment` for `POST /api/inventory/adjust`) called in-process",
    `through the app's postgres-js pool (10 connections), by 1 or ${CONCURRENCY} concurrent callers; each read is the full request (org thresholds, page of rows, capped count, shop columns, channel cells).`,
    "HTTP, session lookup and JSON serialisation are not included.",
    `CPU per request: this process's (user + system, which includes the 20 callers' bookkeeping) and the PostgreSQL server's (all its processes, from /proc; "?" when the server is not on this machine). With N callers always waiting, a request's mean latency cannot be below N × its CPU ÷ ${cpus().length} cores.`,
    "",
    table,
    "",
    "## Client JavaScript per page (production build)",
    "",
    "| page | files | raw | gzip |",
    "|---|---:|---:|---:|",
    ...js,
    "",
  ].join("\n");
  const file = process.env.BENCH_REPORT ?? "bench/reports/dashboard.md";
  writeFileSync(file, report + keptNotes(file));
  if (!process.env.BENCH_KEEP && !process.env.BENCH_ORG) await db.execute(sql`delete from organizations where id = ${ctx.orgId}`);
  await closeDb();
}

/** Without a production build, the page sizes of the previous report, marked as such. */
function previousJsRows(file: string): string[] {
  const old = existsSync(file) ? readFileSync(file, "utf8") : "";
  const rows = old
    .slice(old.indexOf("## Client JavaScript per page"))
    .split("\n")
    .filter((l) => l.startsWith("| /"));
  if (rows.length === 0) return ["| (run `next build` first) | | | |"];
  return [...rows.map((r) => (r.includes("(previous run)") ? r : r.replace(/^\| (\S+) \|/, "| $1 (previous run) |"))), "| (no production build this run: sizes from the previous report) | | | |"];
}

/** The hand-written "Reading these numbers" section of the previous report survives a rerun. */
function keptNotes(file: string): string {
  if (!existsSync(file)) return "";
  const old = readFileSync(file, "utf8");
  const at = old.indexOf("## Reading these numbers");
  return at < 0 ? "" : `\n${old.slice(at)}`;
}

main().catch(async (e) => {
  console.error(e);
  await closeDb();
  process.exit(1);
});
