import { appendFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { products } from "@/db/schema";
import { runConnectionSync } from "@/lib/sync/run";
import { connectShop, startEngineSandbox } from "../engine-harness";
import type { Control, EtsyListingSeed } from "../sandbox-control";
import { makeOrg } from "../sync-fixtures";
import { channelViews, missingOrders, verdict } from "./check";
import { EngineProcess } from "./engine-process";
import { watchEtsyTraffic } from "./etsy-traffic";
import { reapInterruptedRuns } from "@/lib/sync/reaper";
import { skuStory, traceChannelState } from "./story";
import { seededRandom, World, type Sku } from "./world";

// Issue 11: exact stock under concurrency and crashes. For ~2.5 minutes buyers buy and
// cancel on Etsy and eBay, a manager edits stock in Stockroom, the seller edits Etsy
// listings, the marketplaces fail 20% of calls, and the engine (a child process, so it
// can be SIGKILLed mid-sync) is killed twice and restarted. Then everything must be
// exact: every order once, every product's on_hand what the test computed, one
// channel_edit per genuine edit and no other, every channel at its target, no run left
// `running`. Needs a real PostgreSQL: the engine child and the test share the database.
// One allowance: a seller's edit that lands between a push's read of the listing and its
// write is erased on Etsy before anyone could read it (Etsy has no conditional write); the
// soak counts those apart and expects them in no one's stock (etsy-traffic.ts).
//
// Run it alone (about 3 minutes): DATABASE_URL=$(PGPORT=54350 scripts/start-postgres.sh) \
//   node_modules/.bin/vitest run tests/integration/soak    (SOAK_SEED=n replays other choices)
// It prints one SOAK summary line, then what went wrong; the engine's own log is in /tmp.

const SEED = Number(process.env.SOAK_SEED ?? 11);
const ACTIVE_MS = 140_000;
const SALES = 300;
const CANCELS = 20;
const MANUAL_EDITS = 30;
const GENUINE_EDITS = 10;
const FAULT_PROBABILITY = 0.072; // per kind, three standing kinds: ~20% of calls fail
const FAULTS_FROM_MS = 5_000;
const FAULTS_UNTIL_MS = ACTIVE_MS - 10_000;
const TOKEN_EXPIRIES_MS = [20_000, 50_000, 80_000, 110_000];
// Retries absorb the 20% of single faults; these bursts outlast them (5 failures in a row
// is every attempt of one call), so an Etsy push fails part-way through its listings.
const WRITE_OUTAGES_MS = [40_000, 70_000, 100_000];
const RESTART_AFTER_MS = 2_000;
const QUIET_CAP_MS = 60_000;
const START = 60;
const LOW = 6;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
type Event = { at: number; run: () => Promise<void> | void };

describe.skipIf(!process.env.DATABASE_URL)("soak (skipped without DATABASE_URL: the engine runs in a child process that must share a real PostgreSQL)", () => {
  let engine: EngineProcess | undefined;
  let closeSandbox: (() => Promise<void>) | undefined;
  let traffic: ReturnType<typeof watchEtsyTraffic> | undefined;
  afterAll(async () => {
    engine?.destroy();
    traffic?.restore();
    await closeSandbox?.();
  });

  it("sales, cancels, edits, 20% faults and two SIGKILLs end exact: no lost or duplicated order, no phantom channel edit, every channel at target", { timeout: 420_000 }, async () => {
    const { sandbox, control } = await startEngineSandbox({ timeoutMs: 300 });
    closeSandbox = () => sandbox.close();
    const rand = seededRandom(SEED);
    const tag = `s${Date.now() % 100000}`;
    await traceChannelState();
    const { world, conns } = await setUp(control, tag, rand);

    // When armed, the engine is killed as a quantity write reaches a marketplace: the write
    // lands, the engine never hears back.
    let onWrite: (() => void) | null = null;
    traffic = watchEtsyTraffic(() => onWrite?.());
    const etsyTraffic = traffic;
    // Every marketplace call passes the sandbox's fault check: count the faults that fired.
    const faults = sandbox.sandbox.faults;
    const fire = faults.fire.bind(faults);
    let faultsHit = 0;
    const t0 = Date.now();
    faults.fire = (marketplace, p, random) => {
      if (p.includes("bulk_update_price_quantity")) onWrite?.();
      const f = fire(marketplace, p, random);
      if (f) faultsHit++;
      return f;
    };

    const logFile = path.join(os.tmpdir(), `stockroom-soak-${tag}.log`);
    engine = new EngineProcess(
      {
        DATABASE_URL: process.env.DATABASE_URL ?? "",
        SANDBOX_URL: sandbox.url,
        AUTH_SECRET: process.env.AUTH_SECRET ?? "",
        ENCRYPTION_KEY: process.env.ENCRYPTION_KEY ?? "",
        SOAK_CONNECTIONS: conns.map((c) => c.id).join(","),
        SOAK_REAP_STALE_MS: "1000",
      },
      logFile,
    );
    const eng = engine;
    await eng.start();

    const kills: string[] = [];
    const killTimes: number[] = [];
    const restarts: Promise<unknown>[] = [];
    const crash = (why: string) => {
      onWrite = null;
      if (!eng.killNow()) return;
      kills.push(`${why} at +${((Date.now() - t0) / 1000).toFixed(1)} s`);
      killTimes.push(Date.now() - t0);
      restarts.push(eng.waitExit().then(() => sleep(RESTART_AFTER_MS)).then(() => eng.start()));
    };

    const plan: Event[] = [];
    const at = (from: number, to: number) => from + rand.next() * (to - from);
    for (let i = 0; i < SALES; i++) plan.push({ at: (i + rand.next()) * (ACTIVE_MS / SALES), run: () => world.sale(Date.now() - t0) });
    for (let i = 0; i < CANCELS; i++) plan.push({ at: at(3_000, ACTIVE_MS - 5_000), run: () => world.cancel(Date.now() - t0) });
    for (let i = 0; i < MANUAL_EDITS; i++) plan.push({ at: at(2_000, ACTIVE_MS - 5_000), run: () => world.manual(Date.now() - t0) });
    for (let i = 0; i < GENUINE_EDITS; i++) plan.push({ at: at(10_000, ACTIVE_MS - 10_000), run: () => world.genuineEdit(Date.now() - t0) });
    plan.push({ at: FAULTS_FROM_MS, run: () => addFaults(control) });
    for (const t of TOKEN_EXPIRIES_MS)
      plan.push({
        at: t,
        run: async () => {
          for (const marketplace of ["etsy", "ebay"] as const) await control.fault({ marketplace, kind: "expire_tokens" });
          faultsHit += 2;
        },
      });
    for (const t of WRITE_OUTAGES_MS)
      // Reads of one listing share the path; a failed read stops a push part-way as well.
      plan.push({ at: t, run: () => control.fault({ marketplace: "etsy", kind: "server_error", count: 5, path: "/listings/\\d+/inventory$" }).then(() => undefined) });
    plan.push({ at: FAULTS_UNTIL_MS, run: () => control.clearFaults().then(() => undefined) });
    // One kill as a push write reaches a marketplace (a watchdog kills anyway after 15 s), one at a random moment.
    const armAt = at(25_000, 55_000);
    plan.push({ at: armAt, run: () => void (onWrite = () => crash("during a push write")) });
    plan.push({ at: armAt + 15_000, run: () => void (onWrite && crash("watchdog, no push write seen")) });
    plan.push({ at: at(80_000, 115_000), run: () => crash("at a random moment") });
    plan.sort((a, b) => a.at - b.at);

    for (const ev of plan) {
      const wait = t0 + ev.at - Date.now();
      if (wait > 0) await sleep(wait);
      if (Date.now() - t0 > ACTIVE_MS + 30_000) throw new Error("the activity fell more than 30 s behind its plan");
      await ev.run();
    }
    onWrite = null;
    await control.clearFaults();
    await Promise.all(restarts);

    // Let the engine run until quiet: every order stored, a listings poll finished after the
    // last activity on each connection, every channel at its target, twice in a row.
    const activityEnd = Date.now();
    let calm = 0;
    while (calm < 2 && Date.now() - activityEnd < QUIET_CAP_MS) {
      await sleep(1_500);
      const polled = conns.every((c) => eng.lines.some((l) => l.event === "finish" && l.kind === "listings" && l.connectionId === c.id && l.at > activityEnd));
      const settled = polled && (await missingOrders(world, conns)).length === 0 && (await channelViews(control, world, conns[0].orgId)).every((v) => v.shows === v.target);
      calm = settled ? calm + 1 : 0;
    }
    const quietSecs = (Date.now() - activityEnd) / 1000;
    await eng.stop();
    const reaped = await reapInterruptedRuns({ staleAfterMs: 1_000 });

    for (const edit of [...world.genuineEdits]) {
      const erased = etsyTraffic.overwrittenUnseen(edit.listingId, t0 + edit.at);
      if (erased) world.erase(edit, erased);
    }
    const edits = world.genuineEdits.length;
    world.mergeUnreadEdits((listingId, from, to) => etsyTraffic.readBetween(listingId, t0 + from, t0 + to));
    const v = await verdict(control, world, conns[0].orgId, conns);
    const engineThrows = eng.lines.filter((l) => l.event === "crash");
    const summary =
      `SOAK seed=${SEED} activity=${ACTIVE_MS / 1000}s quiet=${quietSecs.toFixed(1)}s ` +
      `sales=${world.sales.length} (refused ${world.refused.sales}) cancellations=${world.cancellations} manualEdits=${world.manualEdits.length} ` +
      `genuineEdits=${edits} (${world.genuineEdits.length} as readers could see them, +${world.erasedEdits.length} erased by a push before any read) kills=${kills.length} faultsHit=${faultsHit} lost=${v.lost.length} duplicated=${v.duplicated.length} ` +
      `phantomChannelEdits=${v.phantoms.length} missedGenuineEdits=${v.missedEdits.length} ambiguousEdits=${v.ambiguous.length} mismatchedProducts=${v.mismatchedProducts.length} ` +
      `mismatchedChannels=${v.mismatchedChannels.length} runsLeftRunning=${v.running.length} engineThrows=${engineThrows.length}`;
    // Around a missed edit: was its listing written (an absolute quantity) before Stockroom's
    // next Etsy listings poll could see the edit? And what was recorded for that SKU instead.
    const around = (sku: string, when: number) => {
      const listingId = world.skus.find((s) => s.sku === sku)?.listingId;
      const write = etsyTraffic.writes.map((w) => ({ ...w, at: w.at - t0 })).find((w) => w.listingId === listingId && w.at >= when);
      const poll = eng.lines.find((l) => l.event === "start" && l.kind === "listings" && l.connectionId === conns[0].id && l.at - t0 >= when);
      const ms = (x: { at: number } | undefined, base: number) => (x ? `+${x.at - base} ms` : "never");
      return `; next write of its Etsy listing ${ms(write, when)}, next Etsy listings poll ${poll ? `+${poll.at - t0 - when} ms` : "never"}; its channel_edit movements: [${(v.editsBySku.get(sku) ?? []).join("; ")}]`;
    };
    const outcomes = new Map<string, number>();
    for (const l of eng.lines.filter((x) => x.event === "finish")) outcomes.set(`${l.kind} ${l.status}`, (outcomes.get(`${l.kind} ${l.status}`) ?? 0) + 1);
    const details = [
      `kills: ${kills.join("; ")}; reaper at the end: ${JSON.stringify(reaped)}; engine log ${logFile}`,
      `engine runs: ${[...outcomes].sort().map(([k, n]) => `${n} ${k}`).join(", ")}; refused by the channel or the ledger: ${JSON.stringify(world.refused)}`,
      ...v.phantoms.slice(0, 15).map((x) => `phantom channel edit: ${x}`),
      ...v.ambiguous.map((x) => `edit sized within a range (allowed, stock errs low): ${x}`),
      ...world.erasedEdits.map((e) => `genuine edit erased unseen: ${e.sku} ${e.delta} at +${(e.at / 1000).toFixed(1)} s, read ${e.readBeforeMs ?? "?"} ms before it, written over ${e.afterMs} ms after it (Etsy has no conditional write)`),
      ...v.missedEdits.map((g) => `genuine edit not recorded: ${g.sku} ${g.delta} at +${(g.at / 1000).toFixed(1)} s${around(g.sku, g.at)}`),
      ...v.mismatchedProducts.slice(0, 15).map((x) => `product: ${x}`),
      ...v.mismatchedChannels.slice(0, 15).map((x) => `channel: ${x}`),
      ...v.lost.slice(0, 10).map((x) => `lost order: ${x}`),
      ...v.duplicated.slice(0, 10).map((x) => `duplicated: ${x}`),
      ...v.running.slice(0, 10).map((x) => `left running: ${x}`),
      ...engineThrows.slice(0, 5).map((l) => `engine threw in ${l.kind}: ${l.error?.split("\n")[0]}`),
    ];
    const troubled = new Set([...v.ambiguous.map((x) => x.split(" ")[0]), ...v.missedEdits.map((g) => g.sku), ...v.mismatchedProducts.map((x) => x.split(":")[0]), ...v.phantoms.map((x) => x.split(" ")[0])]);
    const stories: string[] = [];
    for (const sku of troubled) stories.push(await skuStory(sku, { t0, world, traffic: etsyTraffic, orgId: conns[0].orgId, kills: killTimes }));
    console.log([summary, ...details].join("\n"));
    appendFileSync(logFile, [summary, ...details, ...stories].join("\n") + "\n");
    if (stories.length > 0) console.log(`stories of the SKUs that went wrong: ${logFile}`);

    expect(world.sales.length, "the soak placed too few sales to mean anything").toBeGreaterThan(SALES * 0.8);
    expect(kills.length).toBe(2);
    expect(edits, "most genuine edits must stay visible to the engine").toBeGreaterThanOrEqual(GENUINE_EDITS / 2);
    expect(faultsHit).toBeGreaterThan(0);
    // About one edit a run lands within a second of an Etsy sale of the same SKU (Poisson, mean ~1 here).
    expect(v.ambiguous.length, "most genuine edits must be sized exactly").toBeLessThanOrEqual(GENUINE_EDITS * 0.4);
    expect({
      lost: v.lost,
      duplicated: v.duplicated,
      phantomChannelEdits: v.phantoms,
      missedGenuineEdits: v.missedEdits.map((g) => `${g.sku} ${g.delta} at +${(g.at / 1000).toFixed(1)} s`),
      mismatchedProducts: v.mismatchedProducts,
      mismatchedChannels: v.mismatchedChannels,
      runsLeftRunning: v.running,
      engineThrows: engineThrows.map((l) => l.error),
    }).toEqual({ lost: [], duplicated: [], phantomChannelEdits: [], missedGenuineEdits: [], mismatchedProducts: [], mismatchedChannels: [], runsLeftRunning: [], engineThrows: [] });
  });
});

/** One Etsy shop and one eBay seller with the same 24 SKUs (4 of them low, 2 as variations of one listing), connected and synced once. */
async function setUp(control: Control, tag: string, rand: ReturnType<typeof seededRandom>) {
  const singles = Array.from({ length: 22 }, (_, i) => ({ sku: `K-${tag}-${i}`, quantity: i < 4 ? LOW : START }));
  const sizes = ["S", "M"].map((size) => ({ value: size, sku: `K-${tag}-${size}`, quantity: START }));
  const listings: EtsyListingSeed[] = [
    ...singles.map((s) => ({ title: s.sku, sku: s.sku, quantity: s.quantity, price: 5 })),
    { title: `Tee ${tag}`, quantity: START, price: 12, variations: [{ property: "Size", values: sizes }] },
  ];
  const shop = await control.etsyShop({ shop_name: `Soak${tag}`, listings });
  const seller = `soak${tag}`;
  const all = [...singles.map((s, i) => ({ ...s, listingId: shop.listing_ids[i], variation: false })), ...sizes.map((s) => ({ ...s, listingId: shop.listing_ids[singles.length], variation: true }))];
  await control.ebaySeller({ username: seller, items: all.map((s) => ({ sku: s.sku, title: s.sku, quantity: s.quantity, price: 5 })) });

  // Low SKUs sell out and come back (cancellations, manual edits): the seller lets Stockroom
  // renew sold-out Etsy listings, so every channel can reach its target.
  const org = await makeOrg({ renewSoldOutEtsy: true });
  const conns = [await connectShop(org.id, "etsy", `Soak${tag}`), await connectShop(org.id, "ebay", seller)];
  for (const c of conns) {
    const first = await runConnectionSync(c.id, "orders", "connected");
    expect(first.status).toBe("succeeded");
  }
  const skus: Sku[] = [];
  for (const s of all) {
    const [p] = await db.select({ id: products.id, onHand: products.onHand }).from(products).where(and(eq(products.orgId, org.id), eq(products.sku, s.sku)));
    expect(p?.onHand, `${s.sku} imported with its opening stock`).toBe(s.quantity);
    skus.push({ sku: s.sku, start: s.quantity, productId: p.id, listingId: s.listingId, low: s.quantity === LOW, variation: s.variation });
  }
  return { world: await World.create(control, org.id, skus, shop.shop_id, seller, rand), conns };
}

async function addFaults(control: Control) {
  for (const marketplace of ["etsy", "ebay"] as const)
    for (const kind of ["rate_limit", "server_error", "timeout"]) await control.fault({ marketplace, kind, probability: FAULT_PROBABILITY });
}
