// Sale → other channel latency with marketplace notifications (bench:sync): the sandbox sends
// signed Etsy webhooks to the app's route on a real port, the in-process scheduler imports the
// receipt and pushes to eBay. Polls run at the default 5 minutes, i.e. never within the
// measure; with `drop`, that share of deliveries is dropped and an orders poll every POLL_MS
// (compressed, as the polling rows) brings those sales instead.
// Floors: a dropped sale waits for the next poll to start. A notified one has no wait to floor it:
// its two calls (the receipt, the eBay write) wait for the rate limits only right after another call,
// and sales here are a debounce window apart; bench:sync reports it against the target.
// The eBay quantity is read from the in-process sandbox's memory every millisecond.
import { POST as etsyWebhook } from "@/app/api/webhooks/[marketplace]/[[...path]]/route";
import { schedulerDispatch } from "@/inngest/dispatcher";
import { localDriver } from "@/inngest/local";
import { installDispatcher } from "@/lib/sync/dispatch";
import { env } from "@/lib/env";
import type { RunningSandbox } from "@/sandbox/app";
import { startWebhookEndpoint } from "../tests/support/webhook-endpoint";
import { connectShop } from "../tests/integration/engine-harness";
import type { Control } from "../tests/integration/sandbox-control";
import { makeOrg } from "../tests/integration/sync-fixtures";
import { runConnectionSync } from "@/lib/sync/run";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// The push debounce of production: a notified sale leads it, so sales are spaced one window apart
// to measure each alone (bursts are the convergence row's).
const DEBOUNCE_MS = 10_000;

export type NotificationLatency = { latencies: number[]; floors: number[]; dropped: number };

export async function measureNotificationLatency(
  sandbox: RunningSandbox,
  control: Control,
  o: { sales: number; pollMs: number; drop: number; etsyRate: number; ebayRate: number },
): Promise<NotificationLatency> {
  const endpoint = await startWebhookEndpoint({ "/api/webhooks/etsy": etsyWebhook });
  const config = sandbox.sandbox.config;
  const savedWebhooks = config.webhooks;
  config.webhooks = { appUrl: endpoint.url, retryDelaysMs: [1_000, 5_000] };
  // The rest of bench:sync runs with the scheduler off (its own compressed schedule); this
  // section needs the in-process one for what notifications queue, on its own connections only.
  const e = env() as { SCHEDULER: string };
  const savedMode = e.SCHEDULER;
  e.SCHEDULER = "local";
  // What instrumentation.ts does at the app's start-up: lib reaches the scheduler through it.
  installDispatcher(schedulerDispatch);
  const driver = localDriver({ pushDebounceMs: DEBOUNCE_MS, log: (m) => console.error(`[bench scheduler] ${m}`) });
  try {
    const run = Date.now().toString(36);
    const org = await makeOrg();
    const shop = await control.etsyShop({ shop_name: `BenchNotify${run}`, listings: [{ title: "Mug", sku: `NOTIFY-${run}`, quantity: 900, price: 10 }] });
    const seller = `benchnotify${run}`;
    await control.ebaySeller({ username: seller, items: [{ sku: `NOTIFY-${run}`, title: "Mug", quantity: 900, price: 10 }] });
    const etsy = await connectShop(org.id, "etsy", `BenchNotify${run}`);
    const ebay = await connectShop(org.id, "ebay", seller);
    await runConnectionSync(etsy.id, "orders", "connected");
    await runConnectionSync(ebay.id, "orders", "connected");
    driver.flushPushes();
    await driver.idle();
    if (o.drop > 0) await control.fault({ marketplace: "etsy", kind: "webhook_drop", probability: o.drop, seed: 16 });

    let polling = o.drop > 0;
    const pollStarts: number[] = [];
    const poller = (async () => {
      while (polling) {
        const started = performance.now();
        pollStarts.push(started);
        await runConnectionSync(etsy.id, "orders", "schedule");
        await runConnectionSync(ebay.id, "push", "stock");
        await sleep(Math.max(0, o.pollMs - (performance.now() - started)));
      }
    })();
    const latencies: number[] = [];
    const floors: number[] = [];
    let expected = 900;
    let dropped = 0;
    for (let i = 0; i < o.sales; i++) {
      await sleep(DEBOUNCE_MS + Math.random() * o.pollMs);
      expected -= 1;
      const t0 = performance.now();
      await control.etsySale(shop.shop_id, { listing_id: shop.listing_ids[0], quantity: 1 });
      const sent = sandbox.sandbox.webhooks.deliveries.at(-1);
      const wasDropped = sent?.state === "dropped";
      for (;;) {
        if (sandbox.sandbox.state.ebay.sellers[seller]?.items[`NOTIFY-${run}`]?.offers[0]?.availableQuantity === expected) break;
        if (performance.now() - t0 > 120_000) throw new Error("a sale did not reach eBay within 120 s");
        await sleep(1);
      }
      latencies.push(performance.now() - t0);
      if (wasDropped) {
        dropped++;
        const nextPoll = pollStarts.find((s) => s >= t0) ?? t0;
        floors.push(nextPoll - t0);
      } else floors.push(0);
    }
    polling = false;
    await poller;
    return { latencies, floors, dropped };
  } finally {
    await control.clearFaults();
    await sandbox.sandbox.webhooks.idle();
    driver.flushPushes();
    await driver.stop();
    e.SCHEDULER = savedMode;
    config.webhooks = savedWebhooks;
    await endpoint.close();
  }
}
