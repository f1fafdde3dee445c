import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";

// The suite runs the production build (`next start`) beside the sandbox. Ports are
// configurable so several checkouts can run their suites side by side.
const appPort = Number(process.env.E2E_PORT ?? 3100);
const sandboxPort = Number(process.env.E2E_SANDBOX_PORT ?? 4110);
const appUrl = `http://localhost:${appPort}`;
const sandboxUrl = `http://localhost:${sandboxPort}`;

const shared = {
  APP_URL: appUrl,
  SANDBOX_URL: sandboxUrl,
  SANDBOX_PORT: String(sandboxPort),
  SANDBOX_ETSY_REDIRECT_URIS: `${appUrl}/api/connections/etsy/callback`,
  SANDBOX_EBAY_REDIRECT_URL: `${appUrl}/api/connections/ebay/callback`,
  SANDBOX_SHOPIFY_REDIRECT_URIS: `${appUrl}/api/connections/shopify/callback`,
};

const appEnv: Record<string, string> = {
  ...shared,
  PORT: String(appPort),
  AUTH_SECRET: "e2e-auth-secret-e2e-auth-secret-0123456789",
  AUTH_TRUST_HOST: "true",
  ENCRYPTION_KEY: "e2e1:MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDE=",
  ADMIN_EMAILS: "admin@e2e.test",
  DEV_MAILBOX: "true",
  ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : { PGLITE_DIR: `.data/e2e-${appPort}-${Date.now()}` }),
};

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: appUrl,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  webServer: [
    ...(existsSync("sandbox/server.ts")
      ? [{ command: "node_modules/.bin/tsx sandbox/server.ts", url: `${sandboxUrl}/_control/stats`, env: shared, reuseExistingServer: false, timeout: 60_000 }]
      : []),
    {
      // On PostgreSQL the app gets a database of its own (scripts/fresh-database.mjs).
      command: process.env.DATABASE_URL
        ? `DATABASE_URL=$(node scripts/fresh-database.mjs) exec node_modules/.bin/next start -p ${appPort}`
        : `node_modules/.bin/next start -p ${appPort}`,
      url: `${appUrl}/api/health`,
      env: appEnv,
      reuseExistingServer: false,
      timeout: 120_000,
    },
  ],
});
