import { env } from "@/lib/env";
import { sweeps } from "@/lib/sync/jobs";
import { inngest } from "../client";

function everyMinutes(n: number) {
  return n >= 60 ? `TZ=UTC 0 */${Math.max(1, Math.round(n / 60))} * * *` : `TZ=UTC */${n} * * * *`;
}

export const lowStockSweep = inngest.createFunction(
  { id: "low-stock-sweep", triggers: [{ cron: everyMinutes(env().LOW_STOCK_CHECK_INTERVAL) }] },
  async ({ step }) => step.run("check", () => sweeps.lowStock()),
);

export const emailOutbox = inngest.createFunction({ id: "email-outbox", triggers: [{ cron: "TZ=UTC * * * * *" }] }, async ({ step }) =>
  step.run("deliver", () => sweeps.emailOutbox()),
);

export const dailyEmails = inngest.createFunction({ id: "daily-emails", triggers: [{ cron: "TZ=UTC 0 7 * * *" }] }, async ({ step }) =>
  step.run("send", () => sweeps.daily(new Date())),
);

export const reapRuns = inngest.createFunction({ id: "reap-interrupted-runs", triggers: [{ cron: "TZ=UTC * * * * *" }] }, async ({ step }) =>
  step.run("reap", () => sweeps.reapRuns()),
);
