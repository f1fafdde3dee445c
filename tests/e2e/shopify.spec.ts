import { expect, test } from "@playwright/test";
import { audit } from "./axe";
import { signUp } from "./support";

// A seller with a Shopify store next to their Etsy shop: the store is named on Stockroom's
// store-address form (a wrong address is refused next to the field), approved on the store's
// consent page, and shows on Connections with the location Stockroom keeps in step; a store
// with two locations offers the other one.

const sandboxUrl = `http://localhost:${process.env.E2E_SANDBOX_PORT ?? 4110}`;

test("a seller connects a Shopify store by its address and picks which of its two locations Stockroom manages", async ({ page, request }) => {
  test.setTimeout(120_000);
  const id = Date.now().toString(36);
  const name = `e2e${id}`;
  const domain = `${name}.myshopify.com`;
  const sku = `E2E-SHOP-${id}`.toUpperCase();
  const seeded = await request.post(`${sandboxUrl}/_control/shopify/shops`, {
    data: {
      domain,
      name: `Store ${id}`,
      locations: [{ name: "Shop floor" }, { name: "Warehouse" }],
      products: [{ title: "Stoneware mug", variants: [{ sku, quantities: { "Shop floor": 6, Warehouse: 2 }, price: 18 }] }],
    },
  });
  expect(seeded.status()).toBe(201);

  await signUp(page);
  await page.goto("/connections");
  await page.getByRole("link", { name: "Connect Shopify store" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Connect a Shopify store" })).toBeVisible();
  expect(await audit(page, page.url().replace(/^https?:\/\/[^/]+/, ""))).toEqual([]);

  // Not a myshopify.com address: refused next to the field, which says so to assistive tech too.
  const field = page.getByLabel("Your Shopify store");
  await field.fill("north wind.com");
  await page.getByRole("button", { name: /Continue|Connect/ }).click();
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#field-account-error")).toBeVisible();
  await expect(page).toHaveURL(/\/connections\/connect\/shopify/);

  await field.fill(name);
  await page.getByRole("button", { name: /Continue|Connect/ }).click();
  // The sandbox's consent page, on the store's own admin.
  await expect(page).toHaveURL(new RegExp(`/shopify/${domain.replace(/\./g, "\\.")}/admin/oauth/authorize`));
  await page.getByRole("button", { name: "Allow access" }).click();

  await expect(page).toHaveURL(/\/connections\?connected=[0-9a-f-]+$/);
  await expect(page.getByText(`Shopify Store ${id} is connected.`)).toBeVisible();
  const card = page.getByRole("listitem", { name: `Shopify Store ${id}` });
  await expect(card).toBeVisible();
  await expect(card.getByText("Stock kept in step at:")).toContainText("Shop floor");
  await expect(card.getByText("one of 2 locations in this store")).toBeVisible();

  // The other location: Stockroom reads it first, then keeps it in step.
  await card.getByLabel("Location Stockroom manages").selectOption({ label: "Warehouse" });
  await card.getByRole("button", { name: "Use this location" }).click();
  await expect(card.getByText("Stockroom now manages the stock at Warehouse.")).toBeVisible();
  await expect(card.getByText("Stock kept in step at:")).toContainText("Warehouse");

  expect(await audit(page, "/connections")).toEqual([]);

  // Disconnecting says the app is removed from the store too.
  await card.getByRole("button", { name: "Disconnect" }).click();
  await expect(card.getByText(/app is also removed from the store in Shopify/)).toBeVisible();
  await card.getByRole("button", { name: "Yes, disconnect" }).click();
  await expect(card.getByText("Disconnected", { exact: true })).toBeVisible();
});
