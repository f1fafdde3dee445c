import { expect, test } from "@playwright/test";

test("the landing page invites a seller to sign up and the health check is green", async ({ page, request }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Stockroom" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Create an account" })).toBeVisible();
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ status: "ok", db: "ok" });
});
