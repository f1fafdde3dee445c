import { expect, type Page } from "@playwright/test";

export type TestAccount = { name: string; email: string; password: string; organization: string };

/** A fresh account with unique email and organization names. */
export function newAccount(label = "seller"): TestAccount {
  const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
  return { name: `Test ${label}`, email: `${label}-${id}@e2e.test`, password: "correct horse battery", organization: `${label} shop ${id}` };
}

/** Signs up through the form and waits for the app shell. */
export async function signUp(page: Page, account: TestAccount = newAccount()): Promise<TestAccount> {
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill(account.name);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByLabel("Organization name").fill(account.organization);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/inventory$/);
  return account;
}

export async function signIn(page: Page, account: Pick<TestAccount, "email" | "password">): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/inventory$/);
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
}
