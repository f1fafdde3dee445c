import type { EngineEvent } from "./events";

// How lib wakes the sync engine without knowing what runs it: start-up (instrumentation.ts,
// or a test's or benchmark's set-up) installs the scheduler's dispatcher (inngest/dispatcher.ts:
// Inngest events, the in-process driver, or nothing when the scheduler is off). lib never
// imports inngest/, which depends on lib.

export type EngineDispatcher = (events: EngineEvent[]) => Promise<void>;

// On globalThis: Next compiles instrumentation.ts apart from the route handlers, so a module
// variable set at start-up would not be the one the handlers read.
const g = globalThis as unknown as { __stockroomDispatcher?: EngineDispatcher };

export function installDispatcher(dispatcher: EngineDispatcher): void {
  g.__stockroomDispatcher = dispatcher;
}

/** Sends the events to the installed scheduler; with none installed (a script that runs no scheduler), nothing runs them. */
export async function dispatch(events: EngineEvent[]): Promise<void> {
  if (events.length === 0 || !g.__stockroomDispatcher) return;
  await g.__stockroomDispatcher(events);
}
