import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

// Every environment variable Stockroom reads, with the embedded defaults that let
// `npm run dev` run with no configuration. Read through `env()` only.

const minutes = (def: number) => z.coerce.number().int().min(1).max(1440).default(def);
const csv = z
  .string()
  .default("")
  .transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean));

const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  APP_URL: z.url().default("http://localhost:3000"),
  DATA_DIR: z.string().default(".data"),
  DATABASE_URL: z.url().optional(),
  PGLITE_DIR: z.string().optional(),
  AUTH_SECRET: z.string().min(32).optional(),
  // "keyId:base64(32 bytes)" separated by commas; the first seals, all open.
  ENCRYPTION_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]+:[A-Za-z0-9+/=]{43,44}(,[A-Za-z0-9_-]+:[A-Za-z0-9+/=]{43,44})*$/, "expected keyId:base64key[,keyId:base64key]")
    .optional(),
  AUTH_GOOGLE_ID: z.string().optional(),
  AUTH_GOOGLE_SECRET: z.string().optional(),
  AUTH_GITHUB_ID: z.string().optional(),
  AUTH_GITHUB_SECRET: z.string().optional(),
  ADMIN_EMAILS: csv,
  SMTP_URL: z.url().optional(),
  EMAIL_FROM: z.string().default("Stockroom <no-reply@stockroom.local>"),
  SUPPORT_EMAIL: z.email().default("support@stockroom.local"),
  // /dev/mailbox: on outside production unless set; the end-to-end suite turns it on for `next start`.
  DEV_MAILBOX: z.enum(["true", "false"]).optional(),
  INNGEST_EVENT_KEY: z.string().optional(),
  INNGEST_SIGNING_KEY: z.string().optional(),
  INNGEST_DEV: z.string().optional(),
  SANDBOX_URL: z.url().default("http://localhost:4010"),
  ETSY_API_BASE: z.url().optional(),
  ETSY_CONNECT_URL: z.url().optional(),
  ETSY_CLIENT_ID: z.string().default("sandbox-etsy-key"),
  ETSY_CLIENT_SECRET: z.string().default("sandbox-etsy-secret"),
  // Standard Webhooks secret of the Etsy app (whsec_ + base64), shown in Etsy's developer portal
  // where the webhook endpoint is registered; the default is the sandbox's.
  ETSY_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/=]{16,}$/, "expected whsec_ followed by the base64 secret")
    .default("whsec_c3RvY2tyb29tLXNhbmRib3gtZXRzeS13ZWJob29rcyE="),
  ETSY_RATE_PER_SECOND: z.coerce.number().positive().default(10),
  ETSY_RATE_PER_DAY: z.coerce.number().int().positive().default(10000),
  EBAY_API_BASE: z.url().optional(),
  EBAY_AUTH_URL: z.url().optional(),
  // The keyset's DevID: with the AppID and CertID it signs Trading API platform notifications.
  EBAY_DEV_ID: z.string().default("sandbox-ebay-dev-id"),
  EBAY_CLIENT_ID: z.string().default("sandbox-ebay-client"),
  EBAY_CLIENT_SECRET: z.string().default("sandbox-ebay-secret"),
  EBAY_RU_NAME: z.string().default("sandbox-runame"),
  EBAY_RATE_PER_SECOND: z.coerce.number().positive().default(20),
  EBAY_VERIFICATION_TOKEN: z.string().min(32).max(80).default("stockroom-sandbox-verification-token-0001"),
  // Shopify: a shop's Admin API is at https://{shop}; the template says where (the sandbox stands in
  // for every shop under $SANDBOX_URL/shopify/{shop}). The app's client secret also signs the
  // OAuth callback and every webhook, so there is no separate webhook secret.
  SHOPIFY_API_BASE: z.string().regex(/^https?:\/\/\S*\{shop\}\S*$/, "expected a URL containing {shop}, e.g. https://{shop}").optional(),
  SHOPIFY_API_KEY: z.string().default("sandbox-shopify-key"),
  SHOPIFY_API_SECRET: z.string().default("sandbox-shopify-secret"),
  ETSY_POLLING_INTERVAL_ORDERS: minutes(5),
  ETSY_POLLING_INTERVAL_LISTINGS: minutes(15),
  EBAY_POLLING_INTERVAL_ORDERS: minutes(5),
  EBAY_POLLING_INTERVAL_INVENTORY: minutes(15),
  EBAY_POLLING_INTERVAL_FULFILLMENT: minutes(15),
  SHOPIFY_POLLING_INTERVAL_ORDERS: minutes(5),
  SHOPIFY_POLLING_INTERVAL_INVENTORY: minutes(15),
  LOW_STOCK_CHECK_INTERVAL: minutes(15),
  LOW_STOCK_THRESHOLD: z.coerce.number().int().min(0).default(5),
  SCHEDULER: z.enum(["auto", "local", "inngest", "off"]).default("auto"),
});

export type Env = z.infer<typeof schema> & {
  AUTH_SECRET: string;
  ENCRYPTION_KEY: string;
  ETSY_API_BASE: string;
  ETSY_CONNECT_URL: string;
  EBAY_API_BASE: string;
  EBAY_AUTH_URL: string;
  SHOPIFY_API_BASE: string;
};

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ""));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === "production" && e.DATABASE_URL !== undefined;
  const secrets = e.AUTH_SECRET && e.ENCRYPTION_KEY ? { AUTH_SECRET: e.AUTH_SECRET, ENCRYPTION_KEY: e.ENCRYPTION_KEY } : missingSecrets(e.DATA_DIR, production, source);
  const resolved = {
    ...e,
    ETSY_API_BASE: e.ETSY_API_BASE ?? `${e.SANDBOX_URL}/etsy`,
    ETSY_CONNECT_URL: e.ETSY_CONNECT_URL ?? `${e.SANDBOX_URL}/etsy/oauth/connect`,
    EBAY_API_BASE: e.EBAY_API_BASE ?? `${e.SANDBOX_URL}/ebay`,
    EBAY_AUTH_URL: e.EBAY_AUTH_URL ?? `${e.SANDBOX_URL}/ebay/oauth2/authorize`,
    SHOPIFY_API_BASE: e.SHOPIFY_API_BASE ?? `${e.SANDBOX_URL.replace(/\/+$/, "")}/shopify/{shop}`,
  };
  // Copied as descriptors so build-time placeholders stay lazy getters.
  return Object.defineProperties(resolved, Object.getOwnPropertyDescriptors(secrets)) as Env;
}

// `next build` evaluates route modules (cron schedules read env at load) with
// NODE_ENV=production but without the deployment's secrets: there the secrets
// are only an error if something actually reads them.
function missingSecrets(dataDir: string, production: boolean, source: Record<string, string | undefined>) {
  if (production && source.NEXT_PHASE === "phase-production-build") {
    const fail = (): never => {
      throw new EnvError("AUTH_SECRET and ENCRYPTION_KEY are not available while building; read them at request time");
    };
    return Object.defineProperties({} as { AUTH_SECRET: string; ENCRYPTION_KEY: string }, {
      AUTH_SECRET: { get: fail, enumerable: true },
      ENCRYPTION_KEY: { get: fail, enumerable: true },
    });
  }
  return localSecrets(dataDir, production);
}

// Secrets for the embedded default: generated once into DATA_DIR and reused.
function localSecrets(dataDir: string, production: boolean) {
  if (production) {
    throw new EnvError("Invalid environment configuration:\n  AUTH_SECRET and ENCRYPTION_KEY are required in production (DATABASE_URL is set)");
  }
  const file = path.resolve(dataDir, "secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as { AUTH_SECRET: string; ENCRYPTION_KEY: string };
  const secrets = {
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    ENCRYPTION_KEY: `local1:${randomBytes(32).toString("base64")}`,
  };
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export function devMailboxEnabled(e: Env = env()): boolean {
  return e.DEV_MAILBOX ? e.DEV_MAILBOX === "true" : e.NODE_ENV !== "production";
}
