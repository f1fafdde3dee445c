// The small slice of a durable-execution step the sync logic needs. Inngest functions
// pass Inngest's `step` (memoized, retried per step); the in-process driver and tests
// pass `inlineStep`. Step results must be plain JSON so both behave the same.

export interface Step {
  run<T>(id: string, fn: () => Promise<T>): Promise<T>;
  sleep(id: string, ms: number): Promise<void>;
}

export const inlineStep: Step = {
  run: (_id, fn) => fn(),
  sleep: (_id, ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
