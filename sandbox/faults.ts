import type { Marketplace } from "./state";

// Injected failures. A fault without `count` stays until DELETE /_control/faults;
// `probability` (default 1) makes it intermittent; `path` (a regex) narrows it to
// matching request paths (the path after the marketplace prefix, e.g. /v3/application/...).
// The webhook_* kinds act on the notifications the sandbox sends (sandbox/webhooks.ts)
// instead of on API calls; their `path` matches the topic (order.paid, ORDER_CONFIRMATION...).

export const apiFaultKinds = ["rate_limit", "server_error", "timeout", "expire_tokens", "malformed"] as const;
export const webhookFaultKinds = ["webhook_drop", "webhook_duplicate", "webhook_delay", "webhook_reorder"] as const;
export const faultKinds = [...apiFaultKinds, ...webhookFaultKinds] as const;
export type FaultKind = (typeof faultKinds)[number];
export type WebhookFaultKind = (typeof webhookFaultKinds)[number];

export type Fault = {
  marketplace: Marketplace;
  kind: Exclude<FaultKind, "expire_tokens">;
  remaining: number | null;
  probability: number;
  path: RegExp | null;
  /** webhook_delay: how long the delivery is held. */
  delayMs?: number;
  /** Seeded draws for `probability`, so a test's "30 % dropped" drops the same deliveries every run. */
  random?: () => number;
};

const isWebhookKind = (kind: Fault["kind"]): kind is WebhookFaultKind => (webhookFaultKinds as readonly string[]).includes(kind);

/** mulberry32: a small seeded generator, enough for repeatable fault draws. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Faults {
  private list: Fault[] = [];

  add(fault: Fault): void {
    this.list.push(fault);
  }

  clear(): void {
    this.list = [];
  }

  /** The first API fault that fires for this request, consuming one of its count. */
  fire(marketplace: Marketplace, path: string, random: () => number = Math.random): Fault | null {
    return this.first(marketplace, path, random, (f) => !isWebhookKind(f.kind));
  }

  /** The first webhook fault that fires for a notification about to be sent. */
  fireWebhook(marketplace: Marketplace, topic: string): (Fault & { kind: WebhookFaultKind }) | null {
    return this.first(marketplace, topic, Math.random, (f) => isWebhookKind(f.kind)) as (Fault & { kind: WebhookFaultKind }) | null;
  }

  private first(marketplace: Marketplace, path: string, random: () => number, eligible: (f: Fault) => boolean): Fault | null {
    for (const f of this.list) {
      if (f.marketplace !== marketplace || !eligible(f)) continue;
      if (f.path && !f.path.test(path)) continue;
      if (f.probability < 1 && (f.random ?? random)() >= f.probability) continue;
      if (f.remaining !== null) {
        f.remaining -= 1;
        if (f.remaining <= 0) this.list = this.list.filter((x) => x !== f);
      }
      return f;
    }
    return null;
  }
}
