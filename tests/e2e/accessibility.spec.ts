import { expect, test, type APIRequestContext } from "@playwright/test";
import { audit } from "./axe";
import { newAccount, signUp } from "./support";

// axe (WCAG 2 A and AA) over every page, at a desktop width and a phone width: no serious or
// critical violation. The seller has a connected shop, imported products and a sale, so the
// tables, charts and editors are on the page, not only their empty states.

const sandbox = `http://localhost:${process.env.E2E_SANDBOX_PORT ?? 4110}`;
async function control<T>(request: APIRequestContext, method: "GET" | "POST", path: string, data?: unknown): Promise<T> {
  const res = await request.fetch(`${sandbox}/_control${path}`, { method, data });
  expect(res.ok(), `${method} ${path}`).toBe(true);
  return (await res.json()) as T;
}

test("every page has no serious or critical accessibility violation at 1280 and 390 px", async ({ page, request }) => {
  test.setTimeout(300_000);
  const tag = Date.now().toString(36);
  const shopName = `a11y-${tag}`;
  const shop = await control<{ shop_id: number; listing_ids: number[] }>(request, "POST", "/etsy/shops", {
    shop_name: shopName,
    listings: [
      { title: "Speckled mug", sku: `MUG-${tag}-LONG-SKU`, quantity: 10, price: 24 },
      { title: "Stoneware bowl", sku: `BOWL-${tag}`, quantity: 3, price: 31 },
    ],
  });
  const problems: string[] = [];
  for (const path of ["/", "/sign-in", "/sign-up", "/forgot-password"]) problems.push(...(await audit(page, path)));

  await signUp(page, newAccount("a11y"));
  await page.goto("/api/connections/etsy/start");
  await page.getByLabel("Shop").selectOption({ label: shopName });
  await page.getByRole("button", { name: "Allow access" }).click();
  await expect(page).not.toHaveURL(/oauth/);
  await expect(async () => {
    await page.goto("/inventory");
    await expect(page.getByRole("row").filter({ hasText: `MUG-${tag}` })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 90_000 });
  await control(request, "POST", `/etsy/shops/${shop.shop_id}/sales`, { listing_id: shop.listing_ids[0], quantity: 1 });
  await page.goto("/sync");
  await page.getByRole("button", { name: `Sync ${shopName} now` }).click();
  await expect(async () => {
    await page.goto("/sales");
    await expect(page.getByRole("row").filter({ hasText: "Speckled mug" })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  const orderHref = await page.getByRole("row").filter({ hasText: "Speckled mug" }).getByRole("link").first().getAttribute("href");
  await page.goto("/inventory");
  const productHref = await page.getByRole("row").filter({ hasText: `MUG-${tag}` }).getByRole("link").first().getAttribute("href");

  for (const path of ["/inventory", "/inventory?view=unlinked", "/reorder", "/sales", "/sync", "/connections", "/settings", "/members", productHref ?? "/inventory", orderHref ?? "/sales"]) {
    problems.push(...(await audit(page, path)));
  }
  expect(problems).toEqual([]);
});
