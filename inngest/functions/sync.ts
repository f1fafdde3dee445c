import { env } from "@/lib/env";
import { dueSyncs } from "@/lib/sync/due";
import { handleOrderNotified, handlePushRequested, handleSyncRequested } from "@/lib/sync/jobs";
import { inngest, orderNotified, pushRequested, syncRequested } from "../client";
import { fromInngestStep } from "./step";

// One connection never runs two syncs at once (orders, listings and push share the key),
// and each marketplace app key is throttled across every tenant.
const perConnection = { key: '"conn-" + event.data.connectionId', limit: 1, scope: "env" as const };
const perApp = (perSecond: number) => ({ key: "event.data.marketplace", limit: Math.max(1, Math.floor(perSecond)), period: "1s" as const });

/** Every minute: one event per due sync of every active connection (intervals and backoff decide what is due). */
export const syncFanout = inngest.createFunction({ id: "sync-fanout", triggers: [{ cron: "TZ=UTC * * * * *" }] }, async ({ step }) => {
  const due = await step.run("find-due", async () => dueSyncs());
  if (due.length > 0) await step.sendEvent("fan-out", due.map((data) => syncRequested.create(data)));
  return { sent: due.length };
});

export const syncConnection = inngest.createFunction(
  {
    id: "sync-connection",
    triggers: [syncRequested],
    concurrency: [perConnection],
    throttle: perApp(Math.min(env().ETSY_RATE_PER_SECOND, env().EBAY_RATE_PER_SECOND)),
    retries: 3,
  },
  async ({ event, step }) => {
    const outcome = await handleSyncRequested(event.data, { step: fromInngestStep(step) });
    return outcome.status === "skipped" ? outcome : { status: outcome.status, runId: outcome.run.id };
  },
);

// A notification's sale is pushed at once (the leading edge): at most one such push per
// connection per debounce window; everything after it waits for the debounced push below.
export const pushConnectionNow = inngest.createFunction(
  {
    id: "push-connection-now",
    triggers: [{ event: pushRequested, if: "event.data.immediate == true" }],
    rateLimit: { key: "event.data.connectionId", limit: 1, period: "10s" },
    concurrency: [perConnection],
    retries: 5,
  },
  async ({ event, step }) => {
    const outcome = await handlePushRequested(event.data, { step: fromInngestStep(step) });
    return outcome.status === "skipped" ? outcome : { status: outcome.status, runId: outcome.run.id };
  },
);

/** Debounced: a burst of stock changes becomes one push per item. */
export const pushConnection = inngest.createFunction(
  {
    id: "push-connection",
    triggers: [pushRequested],
    debounce: { key: "event.data.connectionId", period: "10s", timeout: "1m" },
    concurrency: [perConnection],
    retries: 5,
  },
  async ({ event, step }) => {
    const outcome = await handlePushRequested(event.data, { step: fromInngestStep(step) });
    return outcome.status === "skipped" ? outcome : { status: outcome.status, runId: outcome.run.id };
  },
);

/** A notification's order, read and imported one at a time per connection, within the app key's throttle. */
export const importNotifiedOrder = inngest.createFunction(
  {
    id: "import-notified-order",
    triggers: [orderNotified],
    concurrency: [perConnection],
    throttle: perApp(Math.min(env().ETSY_RATE_PER_SECOND, env().EBAY_RATE_PER_SECOND)),
    retries: 5,
  },
  async ({ event, step }) => step.run("import", () => handleOrderNotified(event.data)),
);
