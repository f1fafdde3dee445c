import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { audit } from "./axe";
import { BAD_PARAMS, qs } from "./bad-params";
import { linkFromMailbox, newAccount, signIn, signUp, type TestAccount } from "./support";

// The platform admin runs Stockroom from /admin. playwright.config.ts sets
// ADMIN_EMAILS=admin@e2e.test, so that address becomes an admin once it signs up and
// confirms the address with the emailed link.

const sandboxUrl = `http://localhost:${process.env.E2E_SANDBOX_PORT ?? 4110}`;
const admin: TestAccount = { name: "Platform Admin", email: "admin@e2e.test", password: "correct horse battery", organization: "Stockroom HQ" };

/** Signs the admin in, signing up first on a fresh database. */
async function signInAsAdmin(page: Page) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  const outcome = await Promise.race([
    page.waitForURL(/\/inventory$/).then(() => "in" as const),
    page.getByText("That email and password do not match").waitFor().then(() => "refused" as const),
  ]);
  if (outcome === "refused") {
    await signUp(page, admin);
    await page.goto("/admin");
    await expect(page.getByText("This page could not be found.")).toBeVisible(); // not before the address is confirmed
    await page.goto(await linkFromMailbox(page, admin.email, /\/verify-email\//));
    await expect(page.getByRole("heading", { name: "Email address confirmed" })).toBeVisible();
    await page.goto("/inventory");
  }
}

/** A seller with an Etsy shop connected through the sandbox's consent page. */
async function sellerWithEtsyShop(page: Page, request: APIRequestContext): Promise<TestAccount & { shop: string }> {
  const shop = `AdminE2E${Date.now().toString(36)}`;
  expect((await request.post(`${sandboxUrl}/_control/etsy/shops`, { data: { shop_name: shop, listings: 2 } })).status()).toBe(201);
  const account = await signUp(page, newAccount("admin-target"));
  await page.goto("/connections");
  await page.getByRole("link", { name: "Connect Etsy shop" }).click();
  await page.getByLabel("Shop").selectOption({ label: shop });
  await page.getByRole("button", { name: "Allow access" }).click();
  await expect(page).toHaveURL(/\/connections(\?connected=[0-9a-f-]+)?$/);
  await expect(page.getByRole("listitem", { name: `Etsy ${shop}` })).toBeVisible();
  return { ...account, shop };
}

async function openOrganization(page: Page, name: string) {
  await page.goto(`/admin/organizations?q=${encodeURIComponent(name)}`);
  await page.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
}

async function freshPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

test("a seller who guesses /admin gets a plain 404", async ({ page }) => {
  await signUp(page, newAccount("curious"));
  const res = await page.goto("/admin/organizations");
  expect(res?.status()).toBe(404);
  await expect(page.getByText("Organizations")).toHaveCount(0);
});

test("an admin disables an organization: its owner cannot sign in and sees why, its syncs stop; enabling restores both", async ({ browser, page, request }) => {
  const seller = await sellerWithEtsyShop(await freshPage(browser), request);

  await signInAsAdmin(page);
  await openOrganization(page, seller.organization);
  await page.getByLabel(/Reason/).fill("Unpaid invoices, see ticket 42");
  await page.getByRole("button", { name: "Disable organization" }).click();
  await expect(page.getByText(/Disabled .*Unpaid invoices, see ticket 42/)).toBeVisible();

  const owner = await freshPage(browser);
  await owner.goto("/sign-in");
  await owner.getByLabel("Email").fill(seller.email);
  await owner.getByLabel("Password").fill(seller.password);
  await owner.getByRole("button", { name: "Sign in" }).click();
  await expect(owner.getByText(`Your organization ${seller.organization} has been disabled`)).toBeVisible();

  // Its shop does not sync: "Sync now" is refused and no run starts.
  const runs = page.getByRole("table", { name: "Recent sync runs" }).getByRole("row").filter({ has: page.getByRole("link") });
  const before = await runs.count();
  await page.getByRole("button", { name: "Sync now" }).click();
  await expect(page.getByText("This organization is disabled: enable it before syncing its shops.")).toBeVisible();
  await page.reload();
  await expect(runs).toHaveCount(before);

  await page.getByRole("button", { name: "Enable organization" }).click();
  await expect(page.getByRole("button", { name: "Disable organization" })).toBeVisible();
  await signIn(owner, seller);

  await page.getByRole("button", { name: "Sync now" }).click();
  await expect(page.getByText("Sync requested.")).toBeVisible();
  await expect(async () => {
    await page.reload();
    expect(await runs.count()).toBeGreaterThan(before);
  }).toPass({ timeout: 30_000 });
});

test("re-running a failed sync from the admin page succeeds against the sandbox", async ({ browser, page, request }) => {
  // Etsy answers 500 to listing reads, so the first sync after connecting fails.
  expect((await request.post(`${sandboxUrl}/_control/faults`, { data: { marketplace: "etsy", kind: "server_error", path: "/listings" } })).status()).toBe(201);
  try {
    const seller = await sellerWithEtsyShop(await freshPage(browser), request);
    await signInAsAdmin(page);
    await openOrganization(page, seller.organization);
    const failedRun = page.getByRole("table", { name: "Recent sync runs" }).getByRole("row").filter({ hasText: "failed" }).first();
    await expect(async () => {
      await page.reload();
      await expect(failedRun).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 45_000 });
    await failedRun.getByRole("link").click();
    await expect(page.getByRole("heading", { name: "Error" })).toBeVisible();

    expect((await request.delete(`${sandboxUrl}/_control/faults`)).status()).toBe(204);
    await page.getByRole("button", { name: "Re-run this sync" }).click();
    await expect(page.getByRole("status")).toContainText("1 succeeded", { timeout: 45_000 });
  } finally {
    await request.delete(`${sandboxUrl}/_control/faults`);
  }
});

test("admin pages fall back to defaults on bad parameters: no 5xx", async ({ page }) => {
  test.setTimeout(180_000);
  await signInAsAdmin(page);
  for (const path of ["/admin", "/admin/organizations", "/admin/users", "/admin/sync-runs", "/admin/outbox", "/admin/audit", "/admin/audit/export", "/admin/users/not-a-uuid", "/admin/organizations/not-a-uuid", "/admin/sync-runs/not-a-uuid"]) {
    for (const params of BAD_PARAMS) {
      const url = `${path}?${qs(params)}`;
      expect((await page.request.get(url, { maxRedirects: 0 })).status(), url).toBeLessThan(500);
    }
  }
});

test("admin pages have no serious or critical accessibility violation at 1280 and 390 px", async ({ page }) => {
  test.setTimeout(180_000);
  await signInAsAdmin(page);
  const problems: string[] = [];
  for (const path of ["/admin", "/admin/organizations", "/admin/users", "/admin/sync-runs", "/admin/outbox", "/admin/audit"]) problems.push(...(await audit(page, path)));
  expect(problems).toEqual([]);
});
