import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { newAccount, signUp } from "./support";

// The seller's day on the dashboard, against the sandbox marketplaces: connect both shops,
// see the imported stock, edit it and watch the other channel follow, sell, and import a CSV.

const sandbox = `http://localhost:${process.env.E2E_SANDBOX_PORT ?? 4110}`;
const tag = Date.now().toString(36).toUpperCase();
const MUG = `MUG-${tag}`;
const BOWL = `BOWL-${tag}`;

async function control<T>(request: APIRequestContext, method: "GET" | "POST" | "PATCH", path: string, data?: unknown): Promise<T> {
  const res = await request.fetch(`${sandbox}/_control${path}`, { method, data });
  expect(res.ok(), `${method} ${path}: ${res.status()} ${await res.text()}`).toBe(true);
  return (await res.json()) as T;
}

async function connect(page: Page, marketplace: "etsy" | "ebay", account: string) {
  await page.goto(`/api/connections/${marketplace}/start`);
  await page.getByLabel(marketplace === "etsy" ? "Shop" : "Account").selectOption({ label: account });
  await page.getByRole("button", { name: "Allow access" }).click();
  await expect(page).not.toHaveURL(/_control|oauth/);
}

/** The row of a product in the inventory table. */
const row = (page: Page, sku: string) => page.getByRole("row").filter({ hasText: sku });

test("a seller connects both shops, edits stock, sells, and imports a CSV", async ({ page, request }) => {
  test.setTimeout(240_000);
  const shopName = `e2e-etsy-${tag}`.toLowerCase();
  const sellerName = `e2e-ebay-${tag}`.toLowerCase();
  const shop = await control<{ shop_id: number; listing_ids: number[] }>(request, "POST", "/etsy/shops", {
    shop_name: shopName,
    listings: [
      { title: "Speckled mug", sku: MUG, quantity: 10, price: 24 },
      { title: "Stoneware bowl", sku: BOWL, quantity: 4, price: 31 },
    ],
  });
  await control(request, "POST", "/ebay/sellers", {
    username: sellerName,
    items: [
      { sku: MUG, title: "Speckled mug", quantity: 10, price: 25 },
      { sku: BOWL, title: "Stoneware bowl", quantity: 4, price: 32 },
    ],
  });

  await signUp(page, newAccount("dash"));
  await expect(page.getByRole("link", { name: "Connect Etsy" })).toBeVisible();
  await connect(page, "etsy", shopName);
  await connect(page, "ebay", sellerName);

  // The first import brings both SKUs in, linked on both channels.
  await page.goto("/inventory");
  await expect(async () => {
    await page.reload();
    await expect(row(page, MUG)).toContainText("10", { timeout: 1_000 });
    await expect(row(page, BOWL)).toContainText("4", { timeout: 1_000 });
  }).toPass({ timeout: 90_000 });
  await expect(row(page, BOWL)).toContainText("Low");

  // One product a page: Next asks for the page after the last row shown (the keyset cursor),
  // not for page 2 by number, and Previous comes back to the first.
  await page.goto("/inventory?pageSize=1");
  await expect(row(page, MUG)).toBeVisible();
  const pages = page.getByRole("navigation", { name: "Pages" });
  const byCursor = page.waitForRequest((r) => r.url().includes("/api/inventory?") && new URL(r.url()).searchParams.has("after"), { timeout: 15_000 });
  await pages.getByRole("button", { name: "Next" }).click();
  await byCursor;
  await expect(row(page, BOWL)).toBeVisible();
  await expect(row(page, MUG)).toHaveCount(0);
  await expect(pages).toContainText("Page 2 of 2");
  expect(new URL(page.url()).searchParams.get("after")).toBeTruthy();
  await pages.getByRole("button", { name: "Previous" }).click();
  await expect(row(page, MUG)).toBeVisible();
  await expect(pages).toContainText("Page 1 of 2");

  // Inline edit: set the mug to 7; eBay follows.
  await row(page, MUG).getByRole("button", { name: /Edit stock of/ }).click();
  await page.getByLabel("New on hand").fill("7");
  await page.getByLabel("Reason (optional)").fill("Recount");
  await page.getByLabel("New on hand").press("Enter");
  await expect(row(page, MUG).getByText("7", { exact: true }).first()).toBeVisible();
  await expect
    .poll(async () => (await control<{ availability: { shipToLocationAvailability: { quantity: number } } }>(request, "GET", `/ebay/items/${MUG}?seller=${sellerName}`)).availability.shipToLocationAvailability.quantity, { timeout: 60_000 })
    .toBe(7);
  await expect(row(page, MUG)).toContainText("In sync", { timeout: 30_000 });

  // A sale on Etsy shows in Sales and in the product's history.
  await control(request, "POST", `/etsy/shops/${shop.shop_id}/sales`, { listing_id: shop.listing_ids[0], quantity: 2 });
  await page.goto("/sync");
  await page.getByRole("button", { name: `Sync ${shopName} now` }).click();
  await expect(async () => {
    await page.goto("/sales");
    await expect(page.getByRole("row").filter({ hasText: "Speckled mug" })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  // The order page says what Stockroom did with it: the stock it moved and the push to eBay.
  await page.getByRole("row").filter({ hasText: "Speckled mug" }).getByRole("link").first().click();
  await expect(page.getByText(new RegExp(`Sold: stock of ${MUG} 7 → 5`))).toBeVisible();
  await expect(async () => {
    await page.reload();
    await expect(page.getByText(new RegExp(`Pushed 5 to eBay ${sellerName}`))).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  await page.goto("/inventory");
  await expect(row(page, MUG)).toContainText("5");
  await row(page, MUG).getByRole("link", { name: "Speckled mug" }).click();
  const history = page.getByRole("table", { name: /Stock movements/ });
  await expect(history.getByRole("row").filter({ hasText: "Order" })).toContainText("-2");
  await expect(history.getByRole("row").filter({ hasText: "Manual edit" })).toContainText("Recount");

  // Export, then re-import with one bad row: refused with its line number, nothing changes.
  await page.goto("/inventory");
  const exported = await (await page.request.get("/api/inventory/export")).text();
  const lines = exported.trim().split("\n");
  // A quantity rule column per channel follows the stock columns (empty: the channel's default).
  expect(lines[0]).toBe(`sku,title,on_hand,reserve,low_stock_threshold,available,rule ebay ${sellerName},rule etsy ${shopName}`);
  const edited = [lines[0], ...lines.slice(1).map((l) => (l.startsWith(`${BOWL},`) ? l.replace(/,4,/, ",9,") : l)), `GHOST-${tag},Nothing,3,0,5,3`].join("\n");
  const badLine = lines.length + 1;
  await page.getByLabel("CSV file").setInputFiles({ name: "stock.csv", mimeType: "text/csv", buffer: Buffer.from(edited) });
  await page.getByRole("button", { name: /Preview/ }).click();
  await expect(page.getByRole("list", { name: "Invalid rows" })).toContainText(`Line ${badLine}`);
  await expect(page.getByRole("list", { name: "Invalid rows" })).toContainText(`Unknown SKU GHOST-${tag}`);
  await expect(page.getByRole("button", { name: "Apply import" })).toBeDisabled();
  const applied = await page.request.post("/api/inventory/import/apply", { data: { importId: crypto.randomUUID(), text: edited }, headers: { origin: new URL(page.url()).origin } });
  expect(applied.status()).toBe(400);
  expect(await applied.json()).toMatchObject({ rowErrors: [{ line: badLine }] });
  await page.reload();
  await expect(row(page, BOWL)).toContainText("4");
  expect((await control<{ availability: { shipToLocationAvailability: { quantity: number } } }>(request, "GET", `/ebay/items/${BOWL}?seller=${sellerName}`)).availability.shipToLocationAvailability.quantity).toBe(4);
});
