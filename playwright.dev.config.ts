import { defineConfig } from "@playwright/test";

// `npm run dev` itself, as a person starts it: tests/e2e-dev start and restart the dev
// server in this folder (its .next/dev state included), so they own the server's lifecycle
// and there is no webServer here. Ports are configurable like the main suite's.
export default defineConfig({
  testDir: "tests/e2e-dev",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 420_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: {
    trace: "retain-on-failure",
    actionTimeout: 30_000,
    navigationTimeout: 60_000,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
});
