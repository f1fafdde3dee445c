import { deliverPendingEmails } from "@/lib/email";
import { checkLowStockEverywhere, sendDailyEmails } from "@/lib/alerts/sweeps";
import { reapInterruptedRuns } from "./reaper";
import { runConnectionSync, type RunOptions } from "./run";
import type { SyncRequested } from "./events";

// The work behind every scheduled job and event, shared by the Inngest functions and
// the in-process driver so both run exactly the same logic.

export function handleSyncRequested(e: SyncRequested, opts: RunOptions = {}) {
  return runConnectionSync(e.connectionId, e.kind, e.trigger, opts);
}

export function handlePushRequested(e: { connectionId: string }, opts: RunOptions = {}) {
  return runConnectionSync(e.connectionId, "push", "stock", opts);
}

export const sweeps = {
  lowStock: () => checkLowStockEverywhere(),
  emailOutbox: () => deliverPendingEmails({ limit: 50 }),
  daily: (now: Date) => sendDailyEmails(now),
  reapRuns: () => reapInterruptedRuns(),
};
