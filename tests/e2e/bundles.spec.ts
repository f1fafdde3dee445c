import { expect, test, type Page } from "@playwright/test";
import { audit } from "./axe";
import { newAccount, signUp } from "./support";

// A seller makes a gift set a bundle of a mug and two candles on its product page: the set then
// shows what the components allow, the mug lists the set under "Used in bundles", and a bundle
// that would contain itself is refused next to the components.

const sandbox = `http://localhost:${process.env.E2E_SANDBOX_PORT ?? 4110}`;
const tag = Date.now().toString(36).toUpperCase();
const MUG = `MUG-${tag}`;
const CANDLE = `CANDLE-${tag}`;
const SET = `SET-${tag}`;

async function openProduct(page: Page, sku: string, title: string) {
  await page.goto("/inventory");
  const link = page.getByRole("row").filter({ hasText: sku }).getByRole("link", { name: title });
  await expect(async () => {
    await page.reload();
    await expect(link).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 90_000 });
  await link.click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
}

async function addComponent(page: Page, form: ReturnType<Page["getByRole"]>, sku: string) {
  await form.getByRole("combobox", { name: "Add a component" }).fill(sku);
  await page.getByRole("option", { name: new RegExp(sku) }).click();
}

test("a seller makes a gift set a bundle of two products, sees it under Used in bundles, and makes an unlinked listing a bundle", async ({ page, request }) => {
  test.setTimeout(180_000);
  const shopName = `e2e-bundles-${tag}`.toLowerCase();
  const res = await request.post(`${sandbox}/_control/etsy/shops`, {
    data: {
      shop_name: shopName,
      listings: [
        { title: "Stoneware mug", sku: MUG, quantity: 10, price: 18 },
        { title: "Soy candle", sku: CANDLE, quantity: 9, price: 9 },
        { title: "Gift set", sku: SET, quantity: 3, price: 35 },
        // No SKU: it shows under Unlinked, where the seller says it is a bundle.
        { title: `Holiday box ${tag}`, quantity: 2, price: 50 },
      ],
    },
  });
  expect(res.ok(), await res.text()).toBe(true);

  await signUp(page, newAccount("bundles"));
  await page.goto("/api/connections/etsy/start");
  await page.getByLabel("Shop").selectOption({ label: shopName });
  await page.getByRole("button", { name: "Allow access" }).click();
  await expect(page).not.toHaveURL(/_control|oauth/);

  await openProduct(page, SET, "Gift set");
  const form = page.getByRole("form", { name: "Bundle components" });
  await addComponent(page, form, MUG);
  await addComponent(page, form, CANDLE);
  await form.getByLabel("Units of Soy candle per bundle").fill("2");
  await form.getByRole("button", { name: "Save components" }).click();
  await expect(form.getByRole("status")).toHaveText("Saved. Channels are updated with what the components allow.");

  // 10 mugs allow 10 sets, 9 candles allow 4: the set shows 4, with no stock editor of its own.
  const components = page.getByRole("list", { name: "Components" });
  await expect(components.getByRole("listitem").filter({ hasText: "Soy candle" })).toContainText("enough for 4");
  await expect(components.getByRole("listitem").filter({ hasText: "Stoneware mug" })).toContainText("enough for 10");
  await expect(page.locator("dd").filter({ hasText: "(a bundle: from its components)" })).toContainText("4");

  // In the inventory the set is marked a bundle, with no stock editor: the mark leads to its components.
  await page.goto("/inventory");
  const setRow = page.getByRole("row").filter({ hasText: SET });
  await expect(setRow.getByRole("link", { name: "Bundle of Gift set: its stock comes from its components" })).toBeVisible();
  await expect(setRow.getByRole("button", { name: "Edit stock of Gift set" })).toHaveCount(0);
  await expect(page.getByRole("row").filter({ hasText: MUG }).getByRole("button", { name: "Edit stock of Stoneware mug" })).toBeVisible();
  await setRow.getByRole("link", { name: "Bundle of Gift set: its stock comes from its components" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Gift set" })).toBeVisible();

  // The mug knows which bundles use it.
  await components.getByRole("link", { name: "Stoneware mug" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Stoneware mug" })).toBeVisible();
  const usedIn = page.getByRole("region", { name: "Used in bundles" });
  await expect(usedIn.getByRole("listitem")).toHaveCount(1);
  await expect(usedIn.getByRole("listitem")).toContainText("Gift set");
  await expect(usedIn.getByRole("listitem")).toContainText("takes 1 each");

  // The mug cannot contain the set that contains it.
  const mugForm = page.getByRole("form", { name: "Bundle components" });
  await addComponent(page, mugForm, SET);
  await mugForm.getByRole("button", { name: "Save components" }).click();
  await expect(mugForm.getByRole("group", { name: "Components" })).toHaveAttribute("aria-invalid", "true");
  await expect(mugForm).toContainText(`${SET} already contains ${MUG}`);

  // An unlinked listing becomes a new bundle product of a mug and two candles.
  await page.goto("/inventory?view=unlinked");
  const box = page.getByRole("listitem").filter({ hasText: `Holiday box ${tag}` });
  await box.getByRole("button", { name: "This listing is a bundle of…" }).click();
  const boxForm = box.getByRole("form", { name: `Bundle for Holiday box ${tag}` });
  await addComponent(page, boxForm, MUG);
  await addComponent(page, boxForm, CANDLE);
  await boxForm.getByLabel("Units of Soy candle per bundle").fill("2");
  await boxForm.getByRole("button", { name: "Create bundle product" }).click();
  await expect(box).toHaveCount(0);
  await page.goto("/inventory");
  await page.getByRole("row").filter({ hasText: `Holiday box ${tag}` }).getByRole("link").first().click();
  await expect(page.getByRole("list", { name: "Components" }).getByRole("listitem")).toHaveCount(2);
  await expect(page.locator("dd").filter({ hasText: "(a bundle: from its components)" })).toContainText("4");

  // A bundle's page and a component's page (with Used in bundles) pass axe like every other page.
  const bundlePage = new URL(page.url()).pathname;
  const mugPage = await page.getByRole("list", { name: "Components" }).getByRole("link", { name: "Stoneware mug" }).getAttribute("href");
  expect([...(await audit(page, bundlePage)), ...(await audit(page, mugPage ?? "/inventory"))]).toEqual([]);
});
