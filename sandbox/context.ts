import { generateKeyPairSync, randomUUID, type KeyObject } from "node:crypto";
import type { SandboxConfig } from "./config";
import { TradingLimiter } from "./ebay/trading/limits";
import { Faults } from "./faults";
import { EbayLimiter, EtsyLimiter } from "./limits";
import { emptyState, type SandboxState } from "./state";
import { emptyStats, type Stats } from "./stats";
import { WebhookSender } from "./webhooks";

/** Everything one running sandbox holds: config, state and the runtime counters around it. */
export type Sandbox = {
  config: SandboxConfig;
  state: SandboxState;
  etsyLimiter: EtsyLimiter;
  ebayLimiter: EbayLimiter;
  tradingLimiter: TradingLimiter;
  faults: Faults;
  stats: Stats;
  /** The key eBay's Notification API publishes; notifications are signed with its private half. */
  notificationKey: { kid: string; publicPem: string; privateKey: KeyObject };
  /** Notifications sent to the app (Etsy webhooks, eBay notifications) and their deliveries. */
  webhooks: WebhookSender;
  /** Called after every state change (SANDBOX_DATA persistence). */
  changed: () => void;
};

export function createSandbox(config: SandboxConfig, state: SandboxState = emptyState()): Sandbox {
  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const sb: Sandbox = {
    config,
    state,
    etsyLimiter: new EtsyLimiter(config.etsy.ratePerSecond, config.etsy.ratePerDay),
    ebayLimiter: new EbayLimiter(config.ebay.dailyLimits),
    tradingLimiter: new TradingLimiter(config.ebay.trading),
    faults: new Faults(),
    stats: emptyStats(),
    notificationKey: { kid: randomUUID(), publicPem: publicKey.export({ type: "spki", format: "pem" }).toString(), privateKey },
    webhooks: new WebhookSender(() => sb),
    changed: () => {},
  };
  return sb;
}

/** POST /_control/reset: everything cleared, clocks and counters reset. */
export function resetSandbox(sb: Sandbox): void {
  sb.state = emptyState();
  sb.etsyLimiter = new EtsyLimiter(sb.config.etsy.ratePerSecond, sb.config.etsy.ratePerDay);
  sb.ebayLimiter = new EbayLimiter(sb.config.ebay.dailyLimits);
  sb.tradingLimiter = new TradingLimiter(sb.config.ebay.trading);
  sb.faults.clear();
  sb.webhooks.stop();
  sb.webhooks = new WebhookSender(() => sb);
  sb.stats = emptyStats();
  sb.changed();
}
