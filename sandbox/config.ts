// The sandbox is its own program: it reads its own environment, not lib/env.ts.
// Defaults match the app's defaults so `npm run dev` needs no configuration.

export type EbayApi = "inventory" | "fulfillment" | "identity" | "notification" | "oauth";

export type SandboxConfig = {
  etsy: {
    keystring: string;
    sharedSecret: string;
    redirectUris: string[];
    ratePerSecond: number;
    ratePerDay: number;
    /** The app's Standard Webhooks secret (whsec_ + base64), as Etsy's developer portal shows it. */
    webhookSecret: string;
  };
  /** Notifications (sandbox/webhooks.ts): the app's base URL (null: none are sent) and the retry schedule. */
  webhooks: { appUrl: string | null; retryDelaysMs: number[] };
  ebay: {
    /** The keyset's DevID: with AppID (clientId) and CertID (clientSecret) it signs platform notifications. */
    devId: string;
    clientId: string;
    clientSecret: string;
    ruName: string;
    redirectUrl: string;
    /** Per-app daily call limits per API, as eBay's Developer Analytics reports them. */
    dailyLimits: Record<EbayApi, number>;
    /** Trading API: daily calls per call name per app; ReviseInventoryStatus calls per seller per 15 s. */
    trading: { dailyPerCall: number; reviseCallsPer15s: number };
  };
  shopify: {
    /** The app's client id and secret: the secret signs OAuth redirects and webhooks (hex / base64 HMAC-SHA256). */
    apiKey: string;
    apiSecret: string;
    redirectUris: string[];
    /**
     * The GraphQL cost throttle: a leaky bucket per app and shop. Shopify's standard plans
     * hold 2,000 points and restore 100 a second (Plus 20,000 and 1,000); one query may
     * cost at most 1,000. Tests shrink the bucket to see throttling quickly.
     */
    bucketSize: number;
    restorePerSecond: number;
    maxQueryCost: number;
  };
  /** How long the `timeout` fault holds a request before answering 504. */
  timeoutMs: number;
  /** File to persist shops and sellers across restarts; null keeps state in memory. */
  dataFile: string | null;
  /** Seed a demo Etsy shop and eBay seller when the state is empty (the CLI does). */
  seedDemo: boolean;
};

export type SandboxConfigInput = {
  etsy?: Partial<SandboxConfig["etsy"]>;
  webhooks?: Partial<SandboxConfig["webhooks"]>;
  ebay?: Partial<Omit<SandboxConfig["ebay"], "dailyLimits" | "trading">> & {
    dailyLimits?: Partial<Record<EbayApi, number>>;
    trading?: Partial<SandboxConfig["ebay"]["trading"]>;
  };
  shopify?: Partial<SandboxConfig["shopify"]>;
  timeoutMs?: number;
  dataFile?: string | null;
  seedDemo?: boolean;
};

export const defaultConfig: SandboxConfig = {
  etsy: {
    keystring: "sandbox-etsy-key",
    sharedSecret: "sandbox-etsy-secret",
    redirectUris: ["http://localhost:3000/api/connections/etsy/callback"],
    ratePerSecond: 10,
    ratePerDay: 10_000,
    webhookSecret: "whsec_c3RvY2tyb29tLXNhbmRib3gtZXRzeS13ZWJob29rcyE=",
  },
  // In process (tests) nothing is sent unless asked; the CLI sends to the app on :3000 (SANDBOX_WEBHOOK_URL).
  // Etsy retries from 5 s to 10 h; the sandbox keeps the shape on a shorter clock.
  webhooks: { appUrl: null, retryDelaysMs: [5_000, 30_000, 120_000, 600_000] },
  ebay: {
    devId: "sandbox-ebay-dev-id",
    clientId: "sandbox-ebay-client",
    clientSecret: "sandbox-ebay-secret",
    ruName: "sandbox-runame",
    redirectUrl: "http://localhost:3000/api/connections/ebay/callback",
    // eBay's published defaults for a production keyset.
    dailyLimits: { inventory: 2_000_000, fulfillment: 100_000, identity: 5_000, notification: 10_000, oauth: 50_000 },
    // 1.5 million calls a day per call is what eBay grants after the Application Growth Check;
    // 6,000 ReviseInventoryStatus calls per seller per 15 s is the documented short-duration limit.
    trading: { dailyPerCall: 1_500_000, reviseCallsPer15s: 6_000 },
  },
  shopify: {
    apiKey: "sandbox-shopify-key",
    apiSecret: "sandbox-shopify-secret",
    redirectUris: ["http://localhost:3000/api/connections/shopify/callback"],
    bucketSize: 2_000,
    restorePerSecond: 100,
    maxQueryCost: 1_000,
  },
  timeoutMs: 30_000,
  dataFile: null,
  seedDemo: false,
};

export function resolveConfig(input: SandboxConfigInput = {}): SandboxConfig {
  return {
    etsy: { ...defaultConfig.etsy, ...input.etsy },
    webhooks: { ...defaultConfig.webhooks, ...input.webhooks },
    ebay: {
      ...defaultConfig.ebay,
      ...input.ebay,
      dailyLimits: { ...defaultConfig.ebay.dailyLimits, ...input.ebay?.dailyLimits },
      trading: { ...defaultConfig.ebay.trading, ...input.ebay?.trading },
    },
    shopify: { ...defaultConfig.shopify, ...input.shopify },
    timeoutMs: input.timeoutMs ?? defaultConfig.timeoutMs,
    dataFile: input.dataFile === undefined ? defaultConfig.dataFile : input.dataFile,
    seedDemo: input.seedDemo ?? defaultConfig.seedDemo,
  };
}

function num(value: string | undefined): number | undefined {
  if (value === undefined || value === "") return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`Expected a non-negative number, got "${value}"`);
  return n;
}

function list(value: string | undefined): string[] | undefined {
  return value ? value.split(",").map((s) => s.trim()).filter(Boolean) : undefined;
}

function defined<T extends object>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function configFromEnv(env: Record<string, string | undefined> = process.env): { port: number; config: SandboxConfigInput } {
  return {
    port: num(env.SANDBOX_PORT) ?? 4010,
    config: {
      etsy: defined({
        keystring: env.SANDBOX_ETSY_KEYSTRING || undefined,
        sharedSecret: env.SANDBOX_ETSY_SHARED_SECRET || undefined,
        redirectUris: list(env.SANDBOX_ETSY_REDIRECT_URIS),
        ratePerSecond: num(env.SANDBOX_ETSY_RATE_PER_SECOND),
        ratePerDay: num(env.SANDBOX_ETSY_RATE_PER_DAY),
        webhookSecret: env.SANDBOX_ETSY_WEBHOOK_SECRET || undefined,
      }),
      webhooks: { appUrl: env.SANDBOX_WEBHOOK_URL === "off" ? null : (env.SANDBOX_WEBHOOK_URL || "http://localhost:3000").replace(/\/+$/, "") },
      ebay: {
        ...defined({
          devId: env.SANDBOX_EBAY_DEV_ID || undefined,
          clientId: env.SANDBOX_EBAY_CLIENT_ID || undefined,
          clientSecret: env.SANDBOX_EBAY_CLIENT_SECRET || undefined,
          ruName: env.SANDBOX_EBAY_RUNAME || undefined,
          redirectUrl: env.SANDBOX_EBAY_REDIRECT_URL || undefined,
        }),
        dailyLimits: defined({
          inventory: num(env.SANDBOX_EBAY_DAILY_LIMIT_INVENTORY),
          fulfillment: num(env.SANDBOX_EBAY_DAILY_LIMIT_FULFILLMENT),
          identity: num(env.SANDBOX_EBAY_DAILY_LIMIT_IDENTITY),
          notification: num(env.SANDBOX_EBAY_DAILY_LIMIT_NOTIFICATION),
          oauth: num(env.SANDBOX_EBAY_DAILY_LIMIT_OAUTH),
        }),
        trading: defined({
          dailyPerCall: num(env.SANDBOX_EBAY_DAILY_LIMIT_TRADING),
          reviseCallsPer15s: num(env.SANDBOX_EBAY_REVISE_CALLS_PER_15S),
        }),
      },
      shopify: defined({
        apiKey: env.SANDBOX_SHOPIFY_API_KEY || undefined,
        apiSecret: env.SANDBOX_SHOPIFY_API_SECRET || undefined,
        redirectUris: list(env.SANDBOX_SHOPIFY_REDIRECT_URIS),
        bucketSize: num(env.SANDBOX_SHOPIFY_BUCKET_SIZE),
        restorePerSecond: num(env.SANDBOX_SHOPIFY_RESTORE_PER_SECOND),
      }),
      timeoutMs: num(env.SANDBOX_TIMEOUT_MS),
      dataFile: env.SANDBOX_DATA || null,
      seedDemo: env.SANDBOX_SEED !== "off",
    },
  };
}
