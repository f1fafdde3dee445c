import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { newAccount, signUp } from "./support";

// A seller's restock: a low product shows in To reorder, the purchase list downloads, and
// recording what arrived takes it off the list and into the product's history.

const sandbox = `http://localhost:${process.env.E2E_SANDBOX_PORT ?? 4110}`;
const tag = Date.now().toString(36).toUpperCase();
const CANDLE = `CANDLE-${tag}`;
const VASE = `VASE-${tag}`;

test("a seller sees a low product in To reorder, exports the purchase list and records what was received", async ({ page, request }) => {
  test.setTimeout(180_000);
  const shopName = `e2e-reorder-${tag}`.toLowerCase();
  const res = await request.post(`${sandbox}/_control/etsy/shops`, {
    data: {
      shop_name: shopName,
      listings: [
        { title: "Beeswax candle", sku: CANDLE, quantity: 2, price: 12 },
        { title: "Tall vase", sku: VASE, quantity: 20, price: 48 },
      ],
    },
  });
  expect(res.ok(), await res.text()).toBe(true);

  await signUp(page, newAccount("reorder"));
  await page.goto("/api/connections/etsy/start");
  await page.getByLabel("Shop").selectOption({ label: shopName });
  await page.getByRole("button", { name: "Allow access" }).click();
  await expect(page).not.toHaveURL(/_control|oauth/);

  // The first import brings the candle in at 2, below the default low-stock threshold of 5.
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "To reorder" })).toHaveAttribute("href", "/reorder");
  await page.goto("/reorder");
  const table = page.getByRole("table", { name: /Products to reorder/ });
  const candle = table.getByRole("row").filter({ hasText: CANDLE });
  await expect(async () => {
    await page.reload();
    await expect(candle).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 90_000 });
  await expect(table.getByRole("row").filter({ hasText: VASE })).toHaveCount(0);
  // Nothing sold yet: no estimate of cover, and the suggestion lifts it one above the point (5 - 2 + 1).
  await expect(candle).toContainText("No sales");
  await expect(candle.getByLabel(`Quantity received of ${CANDLE}`)).toHaveValue("4");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export purchase list (CSV)" }).click()]);
  const csv = await readFile(await download.path(), "utf8");
  expect(csv.split("\n")[0]).toBe("sku,title,on_hand,reorder_point,units_per_day,days_of_cover,suggested_quantity");
  expect(csv).toContain(`${CANDLE},Beeswax candle,2,5,0.00,,4`);

  // A bad quantity is refused next to the field; nothing is recorded.
  const quantity = candle.getByLabel(`Quantity received of ${CANDLE}`);
  await quantity.fill("0");
  await candle.getByRole("button", { name: "Received" }).click();
  await expect(candle.getByRole("alert")).toHaveText("Enter at least 1 unit.");
  await expect(quantity).toHaveAttribute("aria-invalid", "true");

  await quantity.fill("10");
  await candle.getByRole("button", { name: "Received" }).click();
  await expect(candle).toHaveCount(0);
  await expect(table).toContainText("Nothing to reorder");

  await page.goto("/inventory");
  await page.getByRole("row").filter({ hasText: CANDLE }).getByRole("link", { name: "Beeswax candle" }).click();
  const received = page.getByRole("table", { name: /Stock movements/ }).getByRole("row").filter({ hasText: "Received" });
  await expect(received).toHaveCount(1);
  await expect(received).toContainText("+10");
  await expect(received).toContainText("12");

  // The product's own reorder point and quantity, edited on its page: errors sit next to the field.
  const settings = page.getByRole("form", { name: "Reorder settings" });
  await settings.getByLabel("Reorder point").fill("-1");
  await settings.getByRole("button", { name: "Save" }).click();
  await expect(settings).toContainText("The reorder point cannot be negative.");
  await expect(settings.getByLabel("Reorder point")).toHaveAttribute("aria-invalid", "true");
  await settings.getByLabel("Reorder point").fill("15");
  await settings.getByLabel("Reorder quantity").fill("24");
  await settings.getByRole("button", { name: "Save" }).click();
  await expect(settings.getByRole("status")).toHaveText("Saved.");

  // 12 on hand is at or below 15: back on the list, suggesting the reorder quantity.
  await page.goto("/reorder");
  await expect(candle).toContainText("reorder quantity");
  await expect(candle.getByLabel(`Quantity received of ${CANDLE}`)).toHaveValue("24");
});
