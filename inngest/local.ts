// The in-process scheduler for the embedded default (no Inngest server): the same
// crons and events as inngest/functions, run by timers inside the Next server. One
// queue per connection keeps its syncs sequential, like Inngest's concurrency key.
import { env } from "@/lib/env";
import { dueSyncs } from "@/lib/sync/due";
import type { EngineEvent } from "@/lib/sync/events";
import { handleOrderNotified, handlePushRequested, handleSyncRequested, sweeps } from "@/lib/sync/jobs";
import type { RunOptions } from "@/lib/sync/run";

const MINUTE = 60_000;

export type LocalDriverOptions = {
  /** How often due syncs are looked for. */
  tickMs?: number;
  /** Stock changes within this window cost one push per connection. */
  pushDebounceMs?: number;
  run?: RunOptions;
  log?: (message: string) => void;
};

export class LocalDriver {
  private chains = new Map<string, Promise<void>>();
  private queued = new Set<string>();
  private pushTimers = new Map<string, NodeJS.Timeout>();
  private leadingPushAt = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private lastSweep = new Map<string, number>();
  private ticking = false;
  private readonly tickMs: number;
  private readonly pushDebounceMs: number;
  private readonly log: (message: string) => void;

  constructor(private readonly opts: LocalDriverOptions = {}) {
    this.tickMs = opts.tickMs ?? 30_000;
    this.pushDebounceMs = opts.pushDebounceMs ?? 10_000;
    this.log = opts.log ?? ((m) => console.error(`[scheduler] ${m}`));
  }

  start() {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.tickMs);
    this.timer.unref();
    void this.tick();
  }

  async stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const t of this.pushTimers.values()) clearTimeout(t);
    this.pushTimers.clear();
    await this.idle();
  }

  get running() {
    return this.timer !== null;
  }

  enqueue(events: EngineEvent[]) {
    for (const e of events) {
      // An item read waits behind a full listings read but is not absorbed by it: it may be queued after the read began.
      if (e.name === "stockroom/sync.requested") this.serial(e.data.connectionId, e.data.items ? `${e.data.kind}:${e.data.items.join(",")}` : e.data.kind, () => handleSyncRequested(e.data, this.opts.run));
      else if (e.name === "stockroom/order.notified") this.serial(e.data.connectionId, `order:${e.data.orderId}`, () => handleOrderNotified(e.data, this.opts.run));
      else this.debouncePush(e.data.connectionId, e.data.immediate === true);
    }
  }

  /** Resolves when every queued sync has finished (tests, shutdown). */
  async idle() {
    while (this.chains.size > 0) await Promise.all([...this.chains.values()]);
  }

  /** Flushes debounced pushes now instead of waiting for the window (tests). */
  flushPushes() {
    for (const [connectionId, t] of this.pushTimers) {
      clearTimeout(t);
      this.pushTimers.delete(connectionId);
      this.serial(connectionId, "push", () => handlePushRequested({ connectionId }, this.opts.run));
    }
  }

  async tick(now = new Date()) {
    if (this.ticking) return;
    this.ticking = true;
    try {
      this.enqueue((await dueSyncs(now)).map((data) => ({ name: "stockroom/sync.requested", data })));
      await this.every("email-outbox", MINUTE, now, () => sweeps.emailOutbox());
      await this.every("reap-runs", MINUTE, now, () => sweeps.reapRuns());
      await this.every("low-stock", env().LOW_STOCK_CHECK_INTERVAL * MINUTE, now, () => sweeps.lowStock());
      await this.every("daily", 60 * MINUTE, now, () => sweeps.daily(now));
    } catch (err) {
      this.log(`tick failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      this.ticking = false;
    }
  }

  private async every(name: string, intervalMs: number, now: Date, job: () => Promise<unknown>) {
    const last = this.lastSweep.get(name);
    if (last !== undefined && now.getTime() - last < intervalMs) return;
    this.lastSweep.set(name, now.getTime());
    await job();
  }

  /**
   * Trailing debounce: the push runs once the window has been quiet. An `immediate` request
   * (a notification's sale) runs at once instead, taking along whatever was waiting, at most
   * once per window; what follows it is batched as before, so a burst costs two pushes, not a hundred.
   */
  private debouncePush(connectionId: string, immediate = false) {
    const now = Date.now();
    if (immediate && now - (this.leadingPushAt.get(connectionId) ?? -Infinity) >= this.pushDebounceMs) {
      this.leadingPushAt.set(connectionId, now);
      // This push carries whatever was waiting for the window too.
      const pending = this.pushTimers.get(connectionId);
      if (pending) clearTimeout(pending);
      this.pushTimers.delete(connectionId);
      this.serial(connectionId, "push", () => handlePushRequested({ connectionId }, this.opts.run));
      return;
    }
    const existing = this.pushTimers.get(connectionId);
    if (existing) clearTimeout(existing);
    const t = setTimeout(() => {
      this.pushTimers.delete(connectionId);
      this.serial(connectionId, "push", () => handlePushRequested({ connectionId }, this.opts.run));
    }, this.pushDebounceMs);
    t.unref();
    this.pushTimers.set(connectionId, t);
  }

  private serial(connectionId: string, kind: string, job: () => Promise<unknown>) {
    const key = `${connectionId}:${kind}`;
    // A sync already waiting will see everything this request would: do not queue it twice.
    if (this.queued.has(key)) return;
    this.queued.add(key);
    const prev = this.chains.get(connectionId) ?? Promise.resolve();
    const next = prev
      .then(async () => {
        this.queued.delete(key);
        const outcome = await job();
        if (outcome && typeof outcome === "object" && "status" in outcome && outcome.status === "failed") this.log(`${kind} sync of ${connectionId} failed`);
      })
      .catch((err: unknown) => this.log(`${kind} sync of ${connectionId} crashed: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => {
        if (this.chains.get(connectionId) === next) this.chains.delete(connectionId);
      });
    this.chains.set(connectionId, next);
  }
}

const g = globalThis as unknown as { __stockroomScheduler?: LocalDriver };

/** The process's driver; created on first use (with `opts`, if given) so events queue even before start(). */
export function localDriver(opts?: LocalDriverOptions): LocalDriver {
  g.__stockroomScheduler ??= new LocalDriver(opts);
  return g.__stockroomScheduler;
}

/** Started once per process from instrumentation.ts; hot reloads find it on globalThis. */
export function startLocalScheduler() {
  const d = localDriver();
  if (!d.running) d.start();
  return d;
}
