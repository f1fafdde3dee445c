import { env } from "@/lib/env";

export type SchedulerMode = "inngest" | "local" | "off";

/** `auto` uses Inngest when it is configured, else the in-process driver; tests set `off`. */
export function schedulerMode(): SchedulerMode {
  const e = env();
  if (e.SCHEDULER === "auto") return e.INNGEST_EVENT_KEY ? "inngest" : "local";
  return e.SCHEDULER;
}
