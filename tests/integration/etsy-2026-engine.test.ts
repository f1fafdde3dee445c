import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { channelItems, memberships, products } from "@/db/schema";
import { SOLD_OUT_MESSAGE } from "@/lib/marketplaces/etsy/push";
import { recordManualAdjustment } from "@/lib/inventory/manual";
import { requestEtsyRenewal } from "@/lib/inventory/renewal";
import type { OrgContext } from "@/lib/tenancy";
import type { RunningSandbox } from "@/sandbox/app";
import { connectShop, startEngineSandbox, sync } from "./engine-harness";
import { etsyAvailable, type Control, type EtsyListingSeed } from "./sandbox-control";
import { makeOrg } from "./sync-fixtures";

// Etsy as it is in 2026, end to end: processing profiles kept through pushes, cancellations
// that Etsy does not date, sold-out listings renewed only with consent, and limits read from
// Etsy's own headers.

let control: Control;
let sandbox: RunningSandbox;
beforeAll(async () => {
  const started = await startEngineSandbox();
  control = started.control;
  sandbox = started.sandbox;
});
afterAll(async () => {
  await control?.etsyLimits({ per_second: 10, per_day: 10_000 });
  await sandbox?.close();
});

const tag = () => `${Date.now() % 1_000_000}${Math.floor(Math.random() * 100)}`;

async function etsyAndEbay(listings: EtsyListingSeed[], ebayItems: { sku: string; quantity: number }[], settings = {}) {
  const t = tag();
  const org = await makeOrg(settings);
  const shop = await control.etsyShop({ shop_name: `E26${t}`, listings });
  const seller = `e26${t}`;
  await control.ebaySeller({ username: seller, items: ebayItems.map((i) => ({ ...i, title: i.sku, price: 9 })) });
  const etsy = await connectShop(org.id, "etsy", `E26${t}`);
  const ebay = await connectShop(org.id, "ebay", seller);
  await sync(etsy.id, "orders");
  await sync(ebay.id, "orders");
  const [owner] = await db.select().from(memberships).where(eq(memberships.orgId, org.id));
  const ctx: OrgContext = { orgId: org.id, userId: owner?.userId ?? "", role: "owner" };
  return { t, org, shop, seller, etsy, ebay, ctx };
}

describe("Etsy in 2026", () => {
  it("a push keeps each variation's processing profile, as the seller set it", async () => {
    const s = tag();
    const [small, medium] = [`PP-${s}-S`, `PP-${s}-M`];
    const p = await etsyAndEbay(
      [{ title: "Tee", quantity: 1, price: 20, variations: [{ property: "Size", values: [{ value: "S", sku: small, quantity: 6, readiness_state: "ready_to_ship" }, { value: "M", sku: medium, quantity: 4, readiness_state: "made_to_order" }] }] }],
      [{ sku: small, quantity: 6 }, { sku: medium, quantity: 4 }],
    );
    const listingId = p.shop.listing_ids[0] ?? 0;
    const before = await control.etsyListing(listingId);
    const profiles = (l: typeof before) => l.inventory?.products?.map((x) => [x.sku, x.offerings?.[0]?.readiness_state_id]);
    expect(new Set(profiles(before)?.map(([, id]) => id)).size).toBe(2);

    await control.ebayOrder(p.seller, { sku: small, quantity: 2 });
    await sync(p.ebay.id, "orders");
    await sync(p.etsy.id, "push");
    const after = await control.etsyListing(listingId);
    expect(etsyAvailable(after, small)).toBe(4);
    expect(profiles(after)).toEqual(profiles(before));
    expect(after.inventory?.readiness_state_on_property).toEqual(before.inventory?.readiness_state_on_property);
  });

  it("never renews a sold-out listing without the seller's consent: Renew now renews it once", async () => {
    const sku = `SO-${tag()}`;
    const p = await etsyAndEbay([{ title: "Vase", sku, quantity: 1, price: 30 }], [{ sku, quantity: 1 }]);
    const listingId = p.shop.listing_ids[0] ?? 0;
    await control.etsySale(p.shop.shop_id, { listing_id: listingId, sku, quantity: 1 });
    await sync(p.etsy.id, "orders");
    await sync(p.etsy.id, "listings");
    expect((await control.etsyListing(listingId)).state).toBe("sold_out");

    const [product] = await db.select().from(products).where(eq(products.sku, sku));
    await recordManualAdjustment(p.ctx, { productId: product?.id ?? "", delta: 5, reason: "restocked" });
    await sync(p.etsy.id, "push");
    expect((await control.etsyListing(listingId)).renewals).toBe(0);
    const [item] = await db.select().from(channelItems).where(eq(channelItems.connectionId, p.etsy.id));
    expect(item).toMatchObject({ pushStatus: "failed", pushError: SOLD_OUT_MESSAGE });

    await requestEtsyRenewal(p.ctx, item?.id ?? "");
    await sync(p.etsy.id, "push");
    const renewed = await control.etsyListing(listingId);
    expect(renewed.renewals).toBe(1);
    expect(etsyAvailable(renewed, sku)).toBe(5);
    await sync(p.etsy.id, "push");
    expect((await control.etsyListing(listingId)).renewals).toBe(1);
  });

  it("renews by itself when the organization allows it", async () => {
    const sku = `SA-${tag()}`;
    const p = await etsyAndEbay([{ title: "Bowl", sku, quantity: 1, price: 30 }], [{ sku, quantity: 1 }], { renewSoldOutEtsy: true });
    const listingId = p.shop.listing_ids[0] ?? 0;
    await control.etsySale(p.shop.shop_id, { listing_id: listingId, sku, quantity: 1 });
    await sync(p.etsy.id, "orders");
    await sync(p.etsy.id, "listings");
    const [product] = await db.select().from(products).where(eq(products.sku, sku));
    await recordManualAdjustment(p.ctx, { productId: product?.id ?? "", delta: 2 });
    await sync(p.etsy.id, "push");
    const renewed = await control.etsyListing(listingId);
    expect(renewed.renewals).toBe(1);
    expect(etsyAvailable(renewed, sku)).toBe(2);
  });

  it("spaces its calls by the limit Etsy reports in its headers, so a lower limit never earns a 429", async () => {
    const skus = Array.from({ length: 12 }, (_, i) => `RL-${tag()}-${i}`);
    const p = await etsyAndEbay(
      skus.map((sku) => ({ title: sku, sku, quantity: 20, price: 5 })),
      skus.map((sku) => ({ sku, quantity: 20 })),
    );
    await control.etsyLimits({ per_second: 3 });
    for (const sku of skus) await control.ebayOrder(p.seller, { sku, quantity: 1 });
    await sync(p.ebay.id, "orders");
    const before = (await control.stats()).etsy.rate_limited;
    const started = Date.now();
    await sync(p.etsy.id, "push");
    expect((await control.stats()).etsy.rate_limited).toBe(before);
    // 12 listings: a batch read, then a profile read and a PUT each, at 3 a second.
    expect(Date.now() - started).toBeGreaterThan(((1 + 24 - 2) / 3) * 1000);
    for (const [k, sku] of skus.entries()) expect(etsyAvailable(await control.etsyListing(p.shop.listing_ids[k] ?? 0), sku)).toBe(19);
    await control.etsyLimits({ per_second: 10 });
  });
});
