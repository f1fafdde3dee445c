import { expect, test } from "@playwright/test";
import { linkFromMailbox, newAccount, signIn, signOut, signUp } from "./support";

test("an owner invites a viewer by email, who signs up through the link and sees members read-only", async ({ browser }) => {
  const ownerCtx = await browser.newContext();
  const owner = await ownerCtx.newPage();
  const account = await signUp(owner);
  await owner.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Members" }).click();
  const invitee = newAccount("viewer");
  await owner.getByLabel("Email to invite").fill(invitee.email);
  await owner.getByLabel("Role", { exact: true }).selectOption("viewer");
  await owner.getByRole("button", { name: "Send invitation" }).click();
  await expect(owner.getByText(`Invitation sent to ${invitee.email}.`)).toBeVisible();
  await expect(owner.getByText(`${invitee.email} · Viewer`)).toBeVisible();
  const invitePath = await linkFromMailbox(owner, invitee.email, /\/invite\//);

  const inviteeCtx = await browser.newContext();
  const page = await inviteeCtx.newPage();
  await page.goto(invitePath);
  await expect(page.getByRole("heading", { name: `Join ${account.organization}` })).toBeVisible();
  await page.getByRole("link", { name: "Create an account" }).click();
  await expect(page.getByLabel("Organization name")).toHaveCount(0);
  await expect(page.getByLabel("Email")).toHaveValue(invitee.email);
  await page.getByLabel("Your name").fill(invitee.name);
  await page.getByLabel("Password").fill(invitee.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByRole("button", { name: `Join ${account.organization}` }).click();
  await expect(page).toHaveURL(/\/inventory$/);
  await expect(page.getByTestId("current-org")).toHaveText(account.organization);

  await page.goto("/members");
  await expect(page.getByRole("cell", { name: account.email })).toBeVisible();
  await expect(page.getByText("Only owners can change members.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Send invitation" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Remove" })).toHaveCount(0);

  // The used link now explains itself.
  await page.goto(invitePath);
  await expect(page.getByText("This invitation was already used.")).toBeVisible();
  await ownerCtx.close();
  await inviteeCtx.close();
});

test("the sole owner is not offered Remove on their own row", async ({ page }) => {
  // The server refuses it too (tests/integration/members.test.ts); the page does not offer it.
  const account = await signUp(page);
  await page.goto("/members");
  const row = page.getByRole("row", { name: new RegExp(account.email) });
  await expect(row).toBeVisible();
  await expect(row.getByRole("button", { name: "Remove" })).toHaveCount(0);
  await expect(row.getByText("Only owner")).toBeVisible();
});

test("a seller who forgot their password resets it from the emailed link, which ends their other sessions", async ({ browser, page }) => {
  const account = await signUp(page);
  // Another device still signed in with the old password.
  const otherDevice = await browser.newContext();
  const other = await otherDevice.newPage();
  await signIn(other, account);
  await expect(other).toHaveURL(/\/inventory$/);
  await signOut(page);
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("heading", { name: "Reset your password" })).toBeVisible();
  await page.getByLabel("Email").fill(account.email);
  await page.getByRole("button", { name: "Email me a reset link" }).click();
  await expect(page.getByText(`If an account exists for ${account.email}`)).toBeVisible();
  const resetPath = await linkFromMailbox(page, account.email, /\/reset-password\//);
  await page.goto(resetPath);
  await page.getByLabel("New password").fill("an even better password");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page).toHaveURL(/\/inventory$/);
  await other.goto("/inventory");
  await expect(other).toHaveURL(/\/sign-in/);
  await otherDevice.close();
  await signOut(page);
  await signIn(page, { email: account.email, password: "an even better password" });
  await page.goto(resetPath);
  await expect(page.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
});
