import { expect, test } from "@playwright/test";
import { newAccount, signIn, signOut, signUp } from "./support";

test("a new seller signs up into their own organization, signs out and signs back in", async ({ page }) => {
  const account = await signUp(page);
  await expect(page.getByRole("heading", { name: "Inventory" })).toBeVisible();
  await expect(page.getByTestId("current-org")).toHaveText(account.organization);
  for (const name of ["Inventory", "Sales", "Connections", "Settings", "Members"]) {
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name })).toBeVisible();
  }
  // The home page takes a signed-in seller to their stock, not to "Create an account".
  await page.goto("/");
  await expect(page).toHaveURL(/\/inventory$/);
  await signOut(page);
  await page.goto("/inventory");
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto("/");
  await expect(page.getByRole("link", { name: "Create an account" })).toBeVisible();
  await signIn(page, account);
  await expect(page.getByTestId("current-org")).toHaveText(account.organization);
});

test("sign-up with a short password shows the error next to the field and keeps what was typed", async ({ page }) => {
  const account = newAccount("weak");
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill(account.name);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill("short");
  await page.getByLabel("Organization name").fill(account.organization);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(account.email);
  await expect(page.getByLabel("Organization name")).toHaveValue(account.organization);
});

test("a second seller cannot open the first seller's organization", async ({ browser }) => {
  const first = await browser.newContext();
  const a = await first.newPage();
  await signUp(a);
  const orgA = await a.getByTestId("current-org").textContent();
  await a.getByLabel("Switch organization").click();
  const action = await a.locator("form", { has: a.getByRole("button", { name: orgA ?? "" }) }).getAttribute("action");
  const orgAId = action?.split("/")[2];
  expect(orgAId).toMatch(/^[0-9a-f-]{36}$/);

  const second = await browser.newContext();
  const b = await second.newPage();
  const accountB = await signUp(b, newAccount("other"));
  const origin = new URL(b.url()).origin;
  const res = await b.request.post(`/orgs/${orgAId}/open`, { maxRedirects: 0, headers: { origin } });
  expect(res.status()).toBe(404);
  // A plain link (GET) switches nothing.
  expect((await b.request.get(`/orgs/${orgAId}/open`, { maxRedirects: 0 })).status()).toBe(405);
  await b.goto("/inventory");
  await expect(b.getByTestId("current-org")).toHaveText(accountB.organization);
  await first.close();
  await second.close();
});

test("a wrong password gets a generic error and keeps the email", async ({ page }) => {
  const account = await signUp(page);
  await signOut(page);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill("not my password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "That email and password do not match" })).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(account.email);
});

test("a seller creates a second organization and switches between them", async ({ page }) => {
  const account = await signUp(page);
  await page.getByLabel("Switch organization").click();
  await page.getByRole("link", { name: "Create another organization" }).click();
  await page.getByLabel("Organization name").fill("Second workshop");
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page).toHaveURL(/\/inventory$/);
  await expect(page.getByTestId("current-org")).toHaveText("Second workshop");
  await page.getByLabel("Switch organization").click();
  await page.getByRole("button", { name: account.organization }).click();
  await expect(page.getByTestId("current-org")).toHaveText(account.organization);
});
