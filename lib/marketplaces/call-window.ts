import { AsyncLocalStorage } from "node:async_hooks";

// When did a write take effect? Between the start of the try the marketplace carried out and
// its answer. A try answered with an error was not carried out, so after retries the window
// starts at the last try, or at the first unanswered one (which may have been carried out).
// A wide window makes every sale inside it ambiguous (lib/inventory/expectation.ts).

type Store = { from: Date | null };
const calls = new AsyncLocalStorage<Store>();

/** Called by the HTTP layer when a call succeeds: when its effective try began. */
export function noteEffectiveTry(startedAt: Date): void {
  const store = calls.getStore();
  // The first call of a timed block is the one that writes quantities; later ones change state.
  if (store && store.from === null) store.from = startedAt;
}

/** Runs one call (or a short sequence), timing the window in which it took effect. */
export async function timedCall<T>(call: () => Promise<T>): Promise<{ value: T; window: { from: Date; to: Date } }> {
  const store: Store = { from: null };
  const started = new Date();
  const value = await calls.run(store, call);
  return { value, window: { from: store.from ?? started, to: new Date() } };
}
