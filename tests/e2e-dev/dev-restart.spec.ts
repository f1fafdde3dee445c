import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";

// The README's first command, run twice in the same folder: a restarted `npm run dev`
// must serve pages that hold still (Turbopack's restored dev cache once made every page
// reload itself in a loop), and a seller must get through sign-up, connecting both
// sandbox shops and a sale that crosses channels, on the first start and on the second.

const port = Number(process.env.E2E_DEV_PORT ?? 3190);
// Not 4190: it is on the Fetch standard's list of "bad ports" (sieve), which Node's fetch refuses.
const sandboxPort = Number(process.env.E2E_DEV_SANDBOX_PORT ?? 4180);
const appUrl = `http://localhost:${port}`;
const sandboxUrl = `http://localhost:${sandboxPort}`;
const work = mkdtempSync(path.join(tmpdir(), "stockroom-dev-"));

function startDev(): ChildProcess {
  // No DATABASE_URL: the embedded default, as after `npm install && npm run dev`.
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const child = spawn("npm", ["run", "dev"], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...inherited,
      NODE_ENV: "development",
      PORT: String(port),
      SANDBOX_PORT: String(sandboxPort),
      APP_URL: appUrl,
      SANDBOX_URL: sandboxUrl,
      SANDBOX_ETSY_REDIRECT_URIS: `${appUrl}/api/connections/etsy/callback`,
      SANDBOX_EBAY_REDIRECT_URL: `${appUrl}/api/connections/ebay/callback`,
      // Outside the project: a restart keeps the database and the shops, like a person's .data/.
      DATA_DIR: path.join(work, "data"),
      SANDBOX_DATA: path.join(work, "sandbox.json"),
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  child.stdout?.on("data", () => {});
  child.stderr?.on("data", (d: Buffer) => process.stderr.write(d));
  return child;
}

async function stopDev(child: ChildProcess) {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  process.kill(-child.pid, "SIGTERM"); // npm, scripts/dev.mjs, next and the sandbox: one process group
  await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
  if (child.exitCode === null) process.kill(-child.pid, "SIGKILL");
}

async function waitUntilUp(request: APIRequestContext) {
  await expect
    .poll(async () => (await request.get(`${appUrl}/api/health`).catch(() => null))?.status() ?? 0, { timeout: 180_000, intervals: [1_000] })
    .toBe(200);
  await expect.poll(async () => (await request.get(`${sandboxUrl}/_control/stats`).catch(() => null))?.status() ?? 0, { timeout: 60_000 }).toBe(200);
}

async function control<T>(request: APIRequestContext, method: "GET" | "POST", p: string, data?: unknown): Promise<T> {
  const res = await request.fetch(`${sandboxUrl}/_control${p}`, { method, data });
  expect(res.ok(), `${method} ${p}: ${res.status()}`).toBe(true);
  return (await res.json()) as T;
}

/** Main-frame navigations in the `ms` after the page has loaded, with nobody touching it. */
async function navigationsWhileIdle(page: Page, url: string, ms: number): Promise<number> {
  let navigations = 0;
  const count = (frame: { parentFrame(): unknown }) => {
    if (frame.parentFrame() === null) navigations++;
  };
  await page.goto(url);
  page.on("framenavigated", count);
  await page.waitForTimeout(ms);
  page.off("framenavigated", count);
  return navigations;
}

async function sellerDay(page: Page, request: APIRequestContext, label: string) {
  const tag = `${label}${Date.now().toString(36)}`;
  const sku = `MUG-${tag}`.toUpperCase();
  const shopName = `dev-etsy-${tag}`;
  const sellerName = `dev-ebay-${tag}`;
  const shop = await control<{ shop_id: number; listing_ids: number[] }>(request, "POST", "/etsy/shops", {
    shop_name: shopName,
    listings: [{ title: "Speckled mug", sku, quantity: 10, price: 24 }],
  });
  await control(request, "POST", "/ebay/sellers", { username: sellerName, items: [{ sku, title: "Speckled mug", quantity: 10, price: 25 }] });

  await page.goto(`${appUrl}/sign-up`);
  await page.getByLabel("Your name").fill("Dev Seller");
  await page.getByLabel("Email").fill(`dev-${tag}@e2e.test`);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByLabel("Organization name").fill(`Dev shop ${tag}`);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/inventory$/, { timeout: 60_000 });

  for (const [marketplace, account] of [["etsy", shopName], ["ebay", sellerName]] as const) {
    await page.goto(`${appUrl}/api/connections/${marketplace}/start`);
    await page.getByLabel(marketplace === "etsy" ? "Shop" : "Account").selectOption({ label: account });
    await page.getByRole("button", { name: "Allow access" }).click();
    await expect(page).toHaveURL(new RegExp(`^${appUrl}/`));
  }
  await expect(async () => {
    await page.goto(`${appUrl}/inventory`);
    await expect(page.getByRole("row").filter({ hasText: sku })).toContainText("10", { timeout: 1_000 });
  }).toPass({ timeout: 120_000 });

  // A sale on Etsy lowers eBay's quantity.
  await control(request, "POST", `/etsy/shops/${shop.shop_id}/sales`, { listing_id: shop.listing_ids[0], quantity: 1 });
  await page.goto(`${appUrl}/sync`);
  await page.getByRole("button", { name: `Sync ${shopName} now` }).click();
  await expect
    .poll(
      async () => (await control<{ availability: { shipToLocationAvailability: { quantity: number } } }>(request, "GET", `/ebay/items/${sku}?seller=${sellerName}`)).availability.shipToLocationAvailability.quantity,
      { timeout: 120_000, intervals: [2_000] },
    )
    .toBe(9);

  // The rest of the app, so the restart finds every page in the dev server's saved state.
  for (const p of ["/sales", "/connections", "/settings", "/members", "/inventory"]) {
    await page.goto(`${appUrl}${p}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  }
}

test.afterAll(() => rmSync(work, { recursive: true, force: true }));

test("npm run dev started twice in the same folder: pages hold still and a seller's day works both times", async ({ page, request }) => {
  for (const start of ["first", "second"]) {
    await page.context().clearCookies(); // a new person each time, not the previous run's session
    const dev = startDev();
    try {
      await waitUntilUp(request);
      const navigations = await navigationsWhileIdle(page, `${appUrl}/sign-up`, 10_000);
      expect(navigations, `main-frame navigations on /sign-up in 10 s after the ${start} start`).toBeLessThanOrEqual(1);
      await sellerDay(page, request, start);
    } finally {
      await stopDev(dev);
    }
  }
});
