import { expect, test } from "@playwright/test";
import { newAccount, signUp } from "./support";

// A seller caps what one channel shows: a default rule on the channel's Connections card, then a
// tighter one on a single listing from its product page; Inventory shows each next to the quantity.

const sandbox = `http://localhost:${process.env.E2E_SANDBOX_PORT ?? 4110}`;
const tag = Date.now().toString(36).toUpperCase();
const VASE = `VASE-${tag}`;

test("a channel's default rule and a listing's own rule show next to the channel quantity", async ({ page, request }) => {
  test.setTimeout(180_000);
  const shopName = `e2e-rules-${tag}`.toLowerCase();
  const res = await request.post(`${sandbox}/_control/etsy/shops`, { data: { shop_name: shopName, listings: [{ title: "Tall vase", sku: VASE, quantity: 12, price: 48 }] } });
  expect(res.ok(), await res.text()).toBe(true);

  await signUp(page, newAccount("rules"));
  await page.goto("/api/connections/etsy/start");
  await page.getByLabel("Shop").selectOption({ label: shopName });
  await page.getByRole("button", { name: "Allow access" }).click();
  await expect(page).not.toHaveURL(/_control|oauth/);

  // The channel's default: never more than 8 on this Etsy shop.
  await page.goto("/connections");
  const card = page.getByRole("listitem", { name: `Etsy ${shopName}` });
  await expect(card).toContainText("Quantity rule: none");
  const channelRule = card.getByRole("form", { name: `Quantity rule for Etsy ${shopName}` });
  await channelRule.getByLabel("Default quantity rule").selectOption("max");
  await channelRule.getByLabel("Units", { exact: true }).fill("");
  await channelRule.getByRole("button", { name: "Save rule" }).click();
  await expect(channelRule).toContainText("Give a number of units");
  await channelRule.getByLabel("Units", { exact: true }).fill("8");
  await channelRule.getByRole("button", { name: "Save rule" }).click();
  await expect(channelRule).toContainText("Saved: max 8");
  await expect(card).toContainText("Quantity rule: max 8");

  // Inventory: the push brings Etsy down to 8, and the rule shows beside it.
  await page.goto("/inventory");
  const row = page.getByRole("row").filter({ hasText: VASE });
  await expect(async () => {
    await page.reload();
    await expect(row.getByLabel("Quantity on the channel")).toHaveText("8 (max 8)", { timeout: 2_000 });
  }).toPass({ timeout: 90_000 });

  // The listing's own rule, on the product page, wins over the channel's.
  await row.getByRole("link", { name: "Tall vase" }).click();
  const itemRule = page.getByRole("form", { name: new RegExp(`Quantity rule on ${shopName}`) });
  await itemRule.getByLabel(/Rule on/).selectOption("max");
  await itemRule.getByLabel("Units", { exact: true }).fill("5");
  await itemRule.getByRole("button", { name: "Save rule" }).click();
  await expect(itemRule.getByRole("status")).toHaveText("Saved. The channel is updated.");
  await expect(page.getByRole("region", { name: "On each channel" })).toContainText("(max 5)");

  await page.goto("/inventory");
  await expect(async () => {
    await page.reload();
    await expect(row.getByLabel("Quantity on the channel")).toHaveText("5 (max 5)", { timeout: 2_000 });
  }).toPass({ timeout: 90_000 });
  const etsy = await (await request.get(`${sandbox}/_control/stats`)).json();
  expect(etsy.etsy.by_operation.updateListingInventory).toBeGreaterThanOrEqual(2);
});
