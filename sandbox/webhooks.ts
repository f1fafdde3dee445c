import { randomUUID } from "node:crypto";
import { Webhook } from "standardwebhooks";
import type { Sandbox } from "./context";
import type { EtsyReceipt, Marketplace } from "./state";
import { nowMs } from "./state";

// Notifications the sandbox sends, as the marketplaces send them: Etsy webhooks signed with
// Standard Webhooks (developers.etsy.com/documentation/essentials/webhooks), retried on any
// answer but a 2xx (Etsy retries from 5 s to 10 h; the sandbox's schedule is config). The
// webhook_* faults drop, duplicate, delay or reorder them. GET /_control/webhooks/deliveries
// lists every delivery with its attempts and answers.

export type DeliveryAttempt = { at: string; status: number | null; error?: string };

export type Delivery = {
  /** The sender's delivery id (Etsy: webhook-id, the same on every retry). */
  id: string;
  marketplace: Marketplace;
  topic: string;
  url: string;
  payload: unknown;
  created_at: string;
  fault: string | null;
  state: "pending" | "delivered" | "failed" | "dropped";
  attempts: DeliveryAttempt[];
};

type Outgoing = {
  marketplace: Marketplace;
  topic: string;
  url: string;
  id: string;
  body: string;
  /** Default application/json; Trading platform notifications are SOAP (text/xml). */
  contentType?: string;
  sign: (body: string) => Record<string, string>;
};

const ATTEMPT_TIMEOUT_MS = 10_000;
// A reordered delivery waits for the next one to pass it, or this long.
const REORDER_HOLD_MS = 2_000;

export class WebhookSender {
  readonly deliveries: Delivery[] = [];
  private timers = new Set<NodeJS.Timeout>();
  private held: (() => void) | null = null;
  private inflight = new Set<Promise<void>>();
  private stopped = false;

  constructor(private readonly sb: () => Sandbox) {}

  /** Queues one notification, applying any webhook fault to it. */
  send(out: Outgoing): void {
    const fault = this.sb().faults.fireWebhook(out.marketplace, out.topic);
    const record = (extra: Partial<Delivery> = {}): Delivery => {
      const d: Delivery = {
        id: out.id,
        marketplace: out.marketplace,
        topic: out.topic,
        url: out.url,
        payload: out.contentType ? out.body : (JSON.parse(out.body) as unknown),
        created_at: new Date(nowMs(this.sb().state)).toISOString(),
        fault: fault?.kind ?? null,
        state: "pending",
        attempts: [],
        ...extra,
      };
      this.deliveries.push(d);
      return d;
    };
    if (fault?.kind === "webhook_drop") {
      record({ state: "dropped" });
      return;
    }
    const delivery = record();
    const go = () => this.attempt(out, delivery, 0);
    // Whatever was held back for reordering goes out right after this one.
    const passed = this.held;
    this.held = null;
    if (fault?.kind === "webhook_reorder") {
      let sent = false;
      const release = () => {
        if (sent) return;
        sent = true;
        go();
      };
      this.held = release;
      this.later(release, REORDER_HOLD_MS);
    } else if (fault?.kind === "webhook_delay") this.later(go, fault.delayMs ?? 3_000);
    else go();
    if (fault?.kind === "webhook_duplicate") this.attempt(out, record({ fault: "webhook_duplicate" }), 0);
    if (passed) this.later(passed, 50);
  }

  /** Resolves when nothing is in flight or waiting (tests). */
  async idle(): Promise<void> {
    while (this.inflight.size > 0 || this.timers.size > 0) {
      await Promise.all([...this.inflight]);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private later(fn: () => void, ms: number): void {
    if (this.stopped) return;
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    t.unref();
    this.timers.add(t);
  }

  private attempt(out: Outgoing, d: Delivery, n: number): void {
    if (this.stopped) return;
    const p = (async () => {
      const at = new Date(nowMs(this.sb().state)).toISOString();
      try {
        const res = await fetch(out.url, { method: "POST", headers: { "content-type": out.contentType ?? "application/json", ...out.sign(out.body) }, body: out.body, signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS) });
        await res.text();
        d.attempts.push({ at, status: res.status });
        if (res.ok) {
          d.state = "delivered";
          return;
        }
      } catch (e) {
        d.attempts.push({ at, status: null, error: (e as Error).message });
      }
      const delays = this.sb().config.webhooks.retryDelaysMs;
      if (n < delays.length) this.later(() => this.attempt(out, d, n + 1), delays[n]);
      else d.state = "failed";
    })();
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p));
  }
}

/** Etsy sends order events only for shops that granted the app access (a live token). */
function shopAuthorized(sb: Sandbox, userId: number): boolean {
  return Object.values(sb.state.oauth.tokens).some((t) => t.marketplace === "etsy" && t.subject === String(userId) && !t.revoked);
}

/** An Etsy order event about a receipt: the flat payload real deliveries carry. */
export function sendEtsyOrderEvent(sb: Sandbox, receipt: EtsyReceipt, eventType: "order.paid" | "order.canceled" | "order.shipped" | "order.delivered"): void {
  const base = sb.config.webhooks.appUrl;
  const shop = sb.state.etsy.shops[String(receipt.shop_id)];
  if (!base || !shop || !shopAuthorized(sb, shop.user_id)) return;
  const body = JSON.stringify({
    event_type: eventType,
    resource_url: `https://openapi.etsy.com/v3/application/shops/${receipt.shop_id}/receipts/${receipt.receipt_id}`,
    shop_id: receipt.shop_id,
  });
  const id = `msg_${randomUUID().replace(/-/g, "")}`;
  const signer = new Webhook(sb.config.etsy.webhookSecret);
  sb.webhooks.send({
    marketplace: "etsy",
    topic: eventType,
    url: `${base}/api/webhooks/etsy`,
    id,
    body,
    // Signed afresh for every attempt (a new timestamp), as Standard Webhooks senders do.
    sign: (b) => {
      const at = new Date(nowMs(sb.state));
      return { "webhook-id": id, "webhook-timestamp": String(Math.floor(at.getTime() / 1000)), "webhook-signature": signer.sign(id, at, b) };
    },
  });
}
