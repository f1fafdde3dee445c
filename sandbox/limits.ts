import type { EbayApi } from "./config";

// Rolling-window call budgets. Etsy: per API key, per second and per rolling 24 h, with
// the four x-limit/x-remaining headers on every response. eBay: per app, per API, per day.
// https://developers.etsy.com/documentation/essentials/rate-limits

const DAY_MS = 86_400_000;

export class SlidingWindow {
  private hits: number[] = [];
  private head = 0;

  constructor(
    readonly windowMs: number,
    public limit: number,
  ) {}

  private prune(now: number): void {
    while (this.head < this.hits.length && this.hits[this.head] <= now - this.windowMs) this.head++;
    if (this.head > 1024 && this.head * 2 > this.hits.length) {
      this.hits = this.hits.slice(this.head);
      this.head = 0;
    }
  }

  used(now: number): number {
    this.prune(now);
    return this.hits.length - this.head;
  }

  /** Seconds until one more call fits. */
  retryAfter(now: number): number {
    this.prune(now);
    const oldest = this.hits[this.head];
    return oldest === undefined ? 0 : Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000));
  }

  record(now: number): void {
    this.hits.push(now);
  }
}

export type EtsyLimitResult = { allowed: boolean; headers: Record<string, string> };

export class EtsyLimiter {
  private second: SlidingWindow;
  private day: SlidingWindow;

  constructor(perSecond: number, perDay: number) {
    this.second = new SlidingWindow(1000, perSecond);
    this.day = new SlidingWindow(DAY_MS, perDay);
  }

  get perSecond(): number {
    return this.second.limit;
  }

  get perDay(): number {
    return this.day.limit;
  }

  /** New advertised budgets (PUT /_control/etsy/limits); calls already made still count. */
  setLimits(limits: { perSecond?: number; perDay?: number }): void {
    if (limits.perSecond !== undefined) this.second.limit = limits.perSecond;
    if (limits.perDay !== undefined) this.day.limit = limits.perDay;
  }

  take(now: number): EtsyLimitResult {
    const secondFull = this.second.used(now) >= this.second.limit;
    const dayFull = this.day.used(now) >= this.day.limit;
    const allowed = !secondFull && !dayFull;
    if (allowed) {
      this.second.record(now);
      this.day.record(now);
    }
    const headers = this.headers(now);
    if (!allowed) headers["retry-after"] = String(dayFull ? this.day.retryAfter(now) : this.second.retryAfter(now));
    return { allowed, headers };
  }

  headers(now: number): Record<string, string> {
    return {
      "x-limit-per-second": String(this.second.limit),
      "x-remaining-this-second": String(Math.max(0, this.second.limit - this.second.used(now))),
      "x-limit-per-day": String(this.day.limit),
      "x-remaining-today": String(Math.max(0, this.day.limit - this.day.used(now))),
    };
  }
}

export class EbayLimiter {
  private windows: Map<EbayApi, SlidingWindow>;

  constructor(limits: Record<EbayApi, number>) {
    this.windows = new Map(Object.entries(limits).map(([api, limit]) => [api as EbayApi, new SlidingWindow(DAY_MS, limit)]));
  }

  /** Records the call if the API's daily budget allows it; returns retry-after seconds otherwise. */
  take(api: EbayApi, now: number): { allowed: true } | { allowed: false; retryAfter: number } {
    const w = this.windows.get(api);
    if (!w) return { allowed: true };
    if (w.used(now) >= w.limit) return { allowed: false, retryAfter: w.retryAfter(now) };
    w.record(now);
    return { allowed: true };
  }
}
