import { expect, test } from "@playwright/test";
import { newAccount, signIn, signOut, signUp } from "./support";

test("a new seller signs up into their own organization, signs out and signs back in", async ({ page }) => {
  const account = await signUp(page);
  await expect(page.getByRole("heading", { name: "Inventory" })).toBeVisible();
  await expect(page.getByTestId("current-org")).toHaveText(account.organization);
  for (const name of ["Inventory", "Sales", "Connections", "Settings", "Members"]) {
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name })).toBeVisible();
  }
  await signOut(page);
  await page.goto("/inventory");
  await expect(page).toHaveURL(/\/sign-in$/);
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
  const href = await a.getByRole("link", { name: orgA ?? "" }).getAttribute("href");
  const orgAId = href?.split("/")[2];
  expect(orgAId).toMatch(/^[0-9a-f-]{36}$/);

  const second = await browser.newContext();
  const b = await second.newPage();
  const accountB = await signUp(b, newAccount("other"));
  const res = await b.goto(`/orgs/${orgAId}/open`);
  expect(res?.status()).toBe(404);
  await b.goto("/inventory");
  await expect(b.getByTestId("current-org")).toHaveText(accountB.organization);
  await first.close();
  await second.close();
});
