import type { Marketplace } from "./state";

// Injected failures. A fault without `count` stays until DELETE /_control/faults;
// `probability` (default 1) makes it intermittent; `path` (a regex) narrows it to
// matching request paths (the path after the marketplace prefix, e.g. /v3/application/...).

export const faultKinds = ["rate_limit", "server_error", "timeout", "expire_tokens", "malformed"] as const;
export type FaultKind = (typeof faultKinds)[number];

export type Fault = {
  marketplace: Marketplace;
  kind: Exclude<FaultKind, "expire_tokens">;
  remaining: number | null;
  probability: number;
  path: RegExp | null;
};

export class Faults {
  private list: Fault[] = [];

  add(fault: Fault): void {
    this.list.push(fault);
  }

  clear(): void {
    this.list = [];
  }

  /** The first fault that fires for this request, consuming one of its count. */
  fire(marketplace: Marketplace, path: string, random: () => number = Math.random): Fault | null {
    for (const f of this.list) {
      if (f.marketplace !== marketplace) continue;
      if (f.path && !f.path.test(path)) continue;
      if (f.probability < 1 && random() >= f.probability) continue;
      if (f.remaining !== null) {
        f.remaining -= 1;
        if (f.remaining <= 0) this.list = this.list.filter((x) => x !== f);
      }
      return f;
    }
    return null;
  }
}
