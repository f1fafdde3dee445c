import { deliverPendingEmails } from "@/lib/email";
import { checkLowStockEverywhere, sendDailyEmails } from "@/lib/alerts/sweeps";
import { pruneDeliveries } from "@/lib/notifications/deliveries";
import { importNotifiedOrder } from "@/lib/notifications/receive";
import { reapInterruptedRuns } from "./reaper";
import { runConnectionSync, type RunOptions } from "./run";
import type { OrderNotified, SyncRequested } from "./events";

// The work behind every scheduled job and event, shared by the Inngest functions and
// the in-process driver so both run exactly the same logic.

export function handleSyncRequested(e: SyncRequested, opts: RunOptions = {}) {
  return runConnectionSync(e.connectionId, e.kind, e.trigger, e.items ? { ...opts, items: e.items } : opts);
}

export function handlePushRequested(e: { connectionId: string }, opts: RunOptions = {}) {
  return runConnectionSync(e.connectionId, "push", "stock", opts);
}

/** A marketplace notification named an order: read it and import it like a poll would. */
export function handleOrderNotified(e: OrderNotified, opts: RunOptions = {}) {
  return importNotifiedOrder(e, opts.deps);
}

export const sweeps = {
  lowStock: () => checkLowStockEverywhere(),
  emailOutbox: () => deliverPendingEmails({ limit: 50 }),
  daily: async (now: Date) => {
    // Notification ids older than any sender still signs are no longer needed to refuse replays.
    await pruneDeliveries(now);
    return sendDailyEmails(now);
  },
  reapRuns: () => reapInterruptedRuns(),
};
