import { SlidingWindow } from "../../limits";

// Trading API limits: a daily budget per call name per application (GetApiAccessRules
// reports usage), and ReviseInventoryStatus' short-duration limit per seller: at most
// 6,000 calls in 15 s, after which the seller's calls are refused for 15 s.
// developer.ebay.com/devzone/xml/docs/reference/ebay/ReviseInventoryStatus.html

const DAY_MS = 86_400_000;

export type TradingLimitConfig = { dailyPerCall: number; reviseCallsPer15s: number };

export class TradingLimiter {
  private daily = new Map<string, SlidingWindow>();
  private revise = new Map<string, { window: SlidingWindow; blockedUntil: number }>();

  constructor(readonly config: TradingLimitConfig) {}

  /** Records a call against its daily budget; false when the day's budget for that call is spent. */
  takeDaily(callName: string, now: number): boolean {
    let w = this.daily.get(callName);
    if (!w) this.daily.set(callName, (w = new SlidingWindow(DAY_MS, this.config.dailyPerCall)));
    if (w.used(now) >= w.limit) return false;
    w.record(now);
    return true;
  }

  /** Daily usage per call name, for GetApiAccessRules. */
  usage(now: number): { callName: string; used: number; limit: number }[] {
    return [...this.daily].map(([callName, w]) => ({ callName, used: w.used(now), limit: w.limit }));
  }

  /** One ReviseInventoryStatus call of a seller; false while the seller is over the short-duration limit. */
  takeRevise(username: string, now: number): boolean {
    let s = this.revise.get(username);
    if (!s) this.revise.set(username, (s = { window: new SlidingWindow(15_000, this.config.reviseCallsPer15s), blockedUntil: 0 }));
    if (now < s.blockedUntil) return false;
    if (s.window.used(now) >= s.window.limit) {
      s.blockedUntil = now + 15_000;
      return false;
    }
    s.window.record(now);
    return true;
  }
}
