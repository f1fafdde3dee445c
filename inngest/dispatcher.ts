import { schedulerMode } from "@/lib/sync/scheduler-mode";
import type { EngineEvent } from "@/lib/sync/events";
import { inngest } from "./client";
import { localDriver } from "./local";

/**
 * The dispatcher start-up installs into lib/sync (installDispatcher): Inngest events in
 * production, the in-process driver in the embedded default, nothing when the scheduler is
 * off. The mode is read at each call, as tests and benchmarks switch it at run time.
 */
export async function schedulerDispatch(events: EngineEvent[]): Promise<void> {
  const mode = schedulerMode();
  if (mode === "inngest") await inngest.send(events);
  else if (mode === "local") localDriver().enqueue(events);
}
