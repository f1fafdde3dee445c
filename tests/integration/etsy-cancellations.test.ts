import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSandbox } from "@/sandbox/app";
import { connectShop, onHand, startEngineSandbox, sync } from "./engine-harness";
import type { Control } from "./sandbox-control";
import { makeOrg } from "./sync-fixtures";

// Etsy does not move a receipt's modified time when it is cancelled or refunded, so the
// orders poll (min_last_modified) misses it once newer receipts have moved its cursor on.
// This file moves the sandbox clock, so it has a sandbox of its own.

let control: Control;
let sandbox: RunningSandbox;
beforeAll(async () => {
  const started = await startEngineSandbox();
  control = started.control;
  sandbox = started.sandbox;
});
afterAll(async () => sandbox?.close());

describe("Etsy cancellations", () => {
  it("a cancelled Etsy order restores stock on every channel within one listings poll", async () => {
    const t = `${Date.now() % 1_000_000}`;
    const [mug, cup] = [`CX-${t}-MUG`, `CX-${t}-CUP`];
    const org = await makeOrg();
    const shop = await control.etsyShop({ shop_name: `CX${t}`, listings: [mug, cup].map((sku) => ({ title: sku, sku, quantity: 10, price: 12 })) });
    await control.ebaySeller({ username: `cx${t}`, items: [mug, cup].map((sku) => ({ sku, title: sku, quantity: 10, price: 12 })) });
    const etsy = await connectShop(org.id, "etsy", `CX${t}`);
    const ebay = await connectShop(org.id, "ebay", `cx${t}`);
    await sync(etsy.id, "orders");
    await sync(ebay.id, "orders");

    const sale = await control.etsySale(shop.shop_id, { listing_id: shop.listing_ids[0] ?? 0, sku: mug, quantity: 3 });
    await sync(etsy.id, "orders");
    expect(await onHand(org.id, mug)).toBe(7);
    // Later receipts move the orders cursor past the first one.
    await control.call("POST", "/_control/clock", { advance_seconds: 600 });
    await control.etsySale(shop.shop_id, { listing_id: shop.listing_ids[1] ?? 0, sku: cup, quantity: 1 });
    await sync(etsy.id, "orders");

    await control.etsyCancel(sale.receipt_id);
    await sync(etsy.id, "orders");
    expect(await onHand(org.id, mug)).toBe(7);
    const listings = await sync(etsy.id, "listings");
    expect(await onHand(org.id, mug)).toBe(10);
    await sync(ebay.id, "push");
    const item = (await control.ebayItem(`cx${t}`, mug)) as { offers?: { availableQuantity?: number }[] };
    expect(item.offers?.[0]?.availableQuantity).toBe(10);
    // Three listing states read, plus one call for the month's cancelled receipts (and the orders a moved quantity asks for).
    expect(listings.apiCalls).toBeLessThanOrEqual(5);
  });
});
