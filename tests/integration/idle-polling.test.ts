import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { marketplaceConnections } from "@/db/schema";
import type { RunningSandbox } from "@/sandbox/app";
import { connectShop, onHand, startEngineSandbox, sync } from "./engine-harness";
import type { Control } from "./sandbox-control";
import { makeOrg } from "./sync-fixtures";

// A listings poll reads every page of a shop (Etsy cannot list a shop's listings by last
// change), so a quiet shop's listings are polled less and less, down to once a day.

let control: Control;
let sandbox: RunningSandbox;
beforeAll(async () => {
  const started = await startEngineSandbox();
  control = started.control;
  sandbox = started.sandbox;
});
afterAll(async () => sandbox?.close());

const connection = async (id: string) => (await db.select().from(marketplaceConnections).where(eq(marketplaceConnections.id, id)))[0];
const minutesUntil = (at: Date | null) => Math.round(((at?.getTime() ?? 0) - Date.now()) / 60_000);

describe("idle shops", () => {
  it("a listings poll that finds nothing waits twice as long; a seller's edit brings it back to the base interval", async () => {
    const t = `${Date.now() % 1_000_000}`;
    const org = await makeOrg();
    const shop = await control.etsyShop({ shop_name: `IDLE${t}`, listings: [{ title: "Mug", sku: `IDLE-${t}`, quantity: 10, price: 12 }] });
    const etsy = await connectShop(org.id, "etsy", `IDLE${t}`);
    await sync(etsy.id, "orders");
    // The first import created items: the next listings poll is one base interval (15 minutes) away.
    expect(minutesUntil((await connection(etsy.id)).nextListingsPollAt)).toBe(15);
    await sync(etsy.id, "listings");
    await sync(etsy.id, "listings");
    let conn = await connection(etsy.id);
    expect(conn.idleListingPolls).toBe(2);
    expect(minutesUntil(conn.nextListingsPollAt)).toBe(60);

    await control.etsyEdit(shop.listing_ids[0] ?? 0, { quantity: 25, sku: `IDLE-${t}` });
    await sync(etsy.id, "listings");
    conn = await connection(etsy.id);
    expect(await onHand(org.id, `IDLE-${t}`)).toBe(25);
    expect(conn.idleListingPolls).toBe(0);
    expect(minutesUntil(conn.nextListingsPollAt)).toBe(15);
  });

  it("an orders poll re-reads cancelled receipts once the base listings interval has passed, and only then", async () => {
    const t = `${Date.now() % 1_000_000}`;
    const org = await makeOrg();
    await control.etsyShop({ shop_name: `CAN${t}`, listings: [{ title: "Cup", sku: `CAN-${t}`, quantity: 10, price: 12 }] });
    const etsy = await connectShop(org.id, "etsy", `CAN${t}`);
    await sync(etsy.id, "orders");
    expect((await sync(etsy.id, "orders")).apiCalls).toBe(1);
    await db.update(marketplaceConnections).set({ cancellationsCheckedAt: new Date(Date.now() - 16 * 60_000) }).where(eq(marketplaceConnections.id, etsy.id));
    expect((await sync(etsy.id, "orders")).apiCalls).toBe(2);
    expect((await sync(etsy.id, "orders")).apiCalls).toBe(1);
  });
});
