import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { organizations, syncRuns } from "@/db/schema";
import { LocalDriver } from "@/inngest/local";
import { runConnectionSync } from "@/lib/sync/run";
import type { Step } from "@/lib/sync/step";
import { connectShop, ledgerSnapshot, onHand, startEngineSandbox, sync, testDeps } from "./engine-harness";
import { etsyAvailable, type Control } from "./sandbox-control";
import { makeOrg } from "./sync-fixtures";

// The engine end to end: the sandbox in process as Etsy and eBay, a real database, and
// the real adapters, syncs and pushes. Each test builds its own shop pair.

let control: Control;
let close: () => Promise<void>;

beforeAll(async () => {
  const started = await startEngineSandbox();
  control = started.control;
  close = () => started.sandbox.close();
});
afterAll(async () => close?.());

async function shopPair(tag: string) {
  const org = await makeOrg();
  const skus = [`MUG-${tag}`, `TEE-${tag}-S`, `TEE-${tag}-M`];
  const shop = await control.etsyShop({
    shop_name: `Shop${tag}`,
    listings: [
      { title: "Mug", sku: skus[0], quantity: 10, price: 12 },
      { title: "Tee", quantity: 11, price: 20, variations: [{ property: "Size", values: [{ value: "S", sku: skus[1], quantity: 5 }, { value: "M", sku: skus[2], quantity: 6 }] }] },
    ],
  });
  const seller = `seller${tag}`;
  await control.ebaySeller({
    username: seller,
    items: [
      { sku: skus[0], title: "Mug", quantity: 10, price: 12 },
      { sku: skus[1], title: "Tee S", quantity: 5, price: 20 },
      { sku: skus[2], title: "Tee M", quantity: 6, price: 20 },
    ],
  });
  const etsy = await connectShop(org.id, "etsy", `Shop${tag}`);
  const ebay = await connectShop(org.id, "ebay", seller);
  await sync(etsy.id, "orders");
  await sync(ebay.id, "orders");
  return { org, shop, seller, etsy, ebay, skus, mugListing: shop.listing_ids[0], teeListing: shop.listing_ids[1] };
}

async function ebayAvailable(seller: string, sku: string): Promise<number> {
  const item = (await control.ebayItem(seller, sku)) as { availability?: { shipToLocationAvailability?: { quantity?: number } }; offers?: { availableQuantity?: number }[] };
  const offer = item.offers?.[0]?.availableQuantity;
  const ship = item.availability?.shipToLocationAvailability?.quantity;
  // eBay shows buyers the smaller of the two.
  return Math.min(offer ?? Infinity, ship ?? Infinity);
}

describe("the sync engine against the sandbox", () => {
  it("a sale on Etsy lowers eBay's quantity; a sale on eBay lowers Etsy's; a cancellation restores both", async () => {
    const t = await shopPair(`a${Date.now() % 100000}`);
    const mug = t.skus[0];
    expect(await onHand(t.org.id, mug)).toBe(10);

    const { receipt_id } = await control.etsySale(t.shop.shop_id, { listing_id: t.mugListing, sku: mug, quantity: 2 });
    await sync(t.etsy.id, "orders");
    expect(await onHand(t.org.id, mug)).toBe(8);
    await sync(t.ebay.id, "push");
    expect(await ebayAvailable(t.seller, mug)).toBe(8);
    expect(etsyAvailable(await control.etsyListing(t.mugListing), mug)).toBe(8);

    await control.ebayOrder(t.seller, { sku: mug, quantity: 3 });
    await sync(t.ebay.id, "orders");
    expect(await onHand(t.org.id, mug)).toBe(5);
    await sync(t.etsy.id, "push");
    expect(etsyAvailable(await control.etsyListing(t.mugListing), mug)).toBe(5);
    expect(await ebayAvailable(t.seller, mug)).toBe(5);

    await control.etsyCancel(receipt_id);
    await sync(t.etsy.id, "orders");
    expect(await onHand(t.org.id, mug)).toBe(7);
    await sync(t.ebay.id, "push");
    expect(await ebayAvailable(t.seller, mug)).toBe(7);
    expect(etsyAvailable(await control.etsyListing(t.mugListing), mug)).toBe(7);
  });

  it("a sale of one Etsy variation changes only that offering", async () => {
    const t = await shopPair(`v${Date.now() % 100000}`);
    const [, small, medium] = t.skus;
    await control.etsySale(t.shop.shop_id, { listing_id: t.teeListing, sku: small, quantity: 2 });
    await sync(t.etsy.id, "orders");
    await sync(t.ebay.id, "push");
    await sync(t.etsy.id, "push");
    expect(await onHand(t.org.id, small)).toBe(3);
    expect(await onHand(t.org.id, medium)).toBe(6);
    const tee = await control.etsyListing(t.teeListing);
    expect(etsyAvailable(tee, small)).toBe(3);
    expect(etsyAvailable(tee, medium)).toBe(6);
    expect(await ebayAvailable(t.seller, small)).toBe(3);
    expect(await ebayAvailable(t.seller, medium)).toBe(6);
  });

  it("running every poll twice changes nothing, and an incremental poll with nothing new costs one call", async () => {
    const t = await shopPair(`i${Date.now() % 100000}`);
    await control.etsySale(t.shop.shop_id, { listing_id: t.mugListing, sku: t.skus[0], quantity: 1 });
    await control.ebayOrder(t.seller, { sku: t.skus[1], quantity: 1 });
    for (const kind of ["orders", "listings", "push"] as const) {
      await sync(t.etsy.id, kind);
      await sync(t.ebay.id, kind);
    }
    const once = await ledgerSnapshot(t.org.id);
    for (const kind of ["orders", "listings", "push", "orders"] as const) {
      await sync(t.etsy.id, kind);
      await sync(t.ebay.id, kind);
    }
    expect(await ledgerSnapshot(t.org.id)).toEqual(once);
    expect((await sync(t.etsy.id, "orders")).apiCalls).toBe(1);
    expect((await sync(t.ebay.id, "orders")).apiCalls).toBe(1);
  });

  it("a crash right after orders were stored, then a retry, gives the same orders, movements and quantities", async () => {
    const t = await shopPair(`c${Date.now() % 100000}`);
    await control.etsySale(t.shop.shop_id, { listing_id: t.mugListing, sku: t.skus[0], quantity: 2 });
    let crashed = false;
    const crashing: Step = {
      run: async (id, fn) => {
        const out = await fn();
        if (id === "orders:page:0" && !crashed) {
          crashed = true;
          throw new Error("process killed after the upsert");
        }
        return out;
      },
      sleep: async () => {},
    };
    const failed = await runConnectionSync(t.etsy.id, "orders", "manual", { step: crashing, deps: await testDeps() });
    expect(failed.status).toBe("failed");
    await sync(t.etsy.id, "orders");
    await sync(t.etsy.id, "orders");
    const snap = await ledgerSnapshot(t.org.id);
    expect(snap.products.find((p) => p.sku === t.skus[0])?.onHand).toBe(8);
    expect(snap.movements.filter((m) => m.key.startsWith(`order-line:${t.etsy.id}`))).toHaveLength(1);
    expect(snap.orders.length).toBe(1);
  });

  it("a quantity the seller edits on Etsy is accepted into the ledger and pushed to eBay", async () => {
    const t = await shopPair(`e${Date.now() % 100000}`);
    await control.etsyEdit(t.mugListing, { quantity: 14 });
    await sync(t.etsy.id, "listings");
    expect(await onHand(t.org.id, t.skus[0])).toBe(14);
    await sync(t.ebay.id, "push");
    expect(await ebayAvailable(t.seller, t.skus[0])).toBe(14);
  });

  it("a malformed answer fails only that connection's run, with the reason recorded", async () => {
    const t = await shopPair(`m${Date.now() % 100000}`);
    await control.fault({ marketplace: "etsy", kind: "malformed", count: 1, path: "receipts" });
    await control.ebayOrder(t.seller, { sku: t.skus[0], quantity: 1 });
    const etsyRun = await sync(t.etsy.id, "orders");
    const ebayRun = await sync(t.ebay.id, "orders");
    expect(etsyRun.status).toBe("failed");
    expect(etsyRun.error).toBeTruthy();
    expect(ebayRun.status).toBe("succeeded");
    expect(await onHand(t.org.id, t.skus[0])).toBe(9);
    await control.clearFaults();
  });

  it("ten sales in a burst cost one push per item on the other channel", async () => {
    const t = await shopPair(`b${Date.now() % 100000}`);
    const driver = new LocalDriver({ pushDebounceMs: 300, log: () => {}, run: { deps: await testDeps() } });
    for (let i = 0; i < 10; i++) {
      await control.etsySale(t.shop.shop_id, { listing_id: t.mugListing, sku: t.skus[0], quantity: 1 });
      await sync(t.etsy.id, "orders");
      driver.enqueue([{ name: "stockroom/push.requested", data: { connectionId: t.ebay.id, marketplace: "ebay" } }]);
    }
    const before = (await control.stats()).ebay.by_operation.bulkUpdatePriceQuantity ?? 0;
    await new Promise((r) => setTimeout(r, 500));
    await driver.idle();
    const pushes = await db.select().from(syncRuns).where(and(eq(syncRuns.connectionId, t.ebay.id), eq(syncRuns.kind, "push")));
    expect(pushes).toHaveLength(1);
    expect((await control.stats()).ebay.by_operation.bulkUpdatePriceQuantity - before).toBe(1);
    expect(await ebayAvailable(t.seller, t.skus[0])).toBe(0);
    await driver.stop();
  });

  it("never syncs a disabled organization", async () => {
    const t = await shopPair(`d${Date.now() % 100000}`);
    await db.update(organizations).set({ disabledAt: new Date() }).where(eq(organizations.id, t.org.id));
    const outcome = await runConnectionSync(t.etsy.id, "orders", "schedule");
    expect(outcome).toEqual({ status: "skipped", reason: "The organization is disabled." });
  });
});
