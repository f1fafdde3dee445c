import { expect, test } from "@playwright/test";
import { signUp } from "./support";

const sandboxUrl = `http://localhost:${process.env.E2E_SANDBOX_PORT ?? 4110}`;

test("a seller connects an Etsy shop and an eBay account and sees both on the Connections page", async ({ page, request }) => {
  const id = Date.now().toString(36);
  const shopName = `E2EShop${id}`;
  const username = `e2e_seller_${id}`;
  expect((await request.post(`${sandboxUrl}/_control/etsy/shops`, { data: { shop_name: shopName, listings: 2 } })).status()).toBe(201);
  expect((await request.post(`${sandboxUrl}/_control/ebay/sellers`, { data: { username, items: 2 } })).status()).toBe(201);

  await signUp(page);
  await page.goto("/connections");
  await expect(page.getByText("No shops connected yet.")).toBeVisible();

  await page.getByRole("link", { name: "Connect Etsy shop" }).click();
  await page.getByLabel("Shop").selectOption({ label: shopName });
  await page.getByRole("button", { name: "Allow access" }).click();
  await expect(page).toHaveURL(/\/connections(\?connected=[0-9a-f-]+)?$/);
  // A confirmation says what happened and where to go next.
  await expect(page.getByText(`Etsy ${shopName} is connected.`)).toBeVisible();
  await expect(page.getByRole("status").getByRole("link", { name: "Open Inventory" })).toBeVisible();
  const etsy = page.getByRole("listitem", { name: `Etsy ${shopName}` });
  await expect(etsy).toBeVisible();
  await expect(etsy.getByText(/Active|Syncing/)).toBeVisible();

  await page.getByRole("link", { name: "Connect eBay account" }).click();
  await page.getByLabel("Account").selectOption({ label: username });
  await page.getByRole("button", { name: "Allow access" }).click();
  await expect(page).toHaveURL(/\/connections(\?connected=[0-9a-f-]+)?$/);
  await expect(page.getByRole("listitem", { name: `eBay ${username}` })).toBeVisible();
  await expect(etsy).toBeVisible();

  // Disconnecting asks first, then keeps the shop listed as disconnected.
  await etsy.getByRole("button", { name: "Disconnect" }).click();
  await etsy.getByRole("button", { name: "Yes, disconnect" }).click();
  await expect(etsy.getByText("Disconnected")).toBeVisible();
  await expect(etsy.getByRole("link", { name: "Reconnect" })).toBeVisible();
});

test("cancelling on the consent page says so and connects nothing", async ({ page, request }) => {
  const shopName = `E2ECancel${Date.now().toString(36)}`;
  await request.post(`${sandboxUrl}/_control/etsy/shops`, { data: { shop_name: shopName, listings: 1 } });
  await signUp(page);
  await page.goto("/connections");
  await page.getByRole("link", { name: "Connect Etsy shop" }).click();
  await page.getByRole("button", { name: "Deny" }).click();
  await expect(page.getByText("You cancelled the connection.")).toBeVisible();
  await page.getByRole("link", { name: "Back to Connections" }).click();
  await expect(page.getByText("No shops connected yet.")).toBeVisible();
});
