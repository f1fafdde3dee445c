import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { orders, orderLines } from "@/db/schema";
import { eq } from "drizzle-orm";
import { importListings } from "@/lib/inventory/linking";
import { reconcileObservations } from "@/lib/inventory/reconcile";
import { importOrders } from "@/lib/sync/import-orders";
import { pendingPushes } from "@/lib/sync/push";
import { item, itemsOf, listing, makeConnection, makeOrg, movementsOf, order, productBySku } from "./sync-fixtures";

const accept = { fetchedAt: new Date(Date.now() - 60_000) };

describe("importing listings", () => {
  it("links the same SKU on Etsy and eBay to one product, taking the lower opening quantity and saying so", async () => {
    const org = await makeOrg();
    const etsy = await makeConnection(org.id, "etsy", "Etsy shop");
    const ebay = await makeConnection(org.id, "ebay", "eBay seller");
    await importListings(etsy, [listing("L1", [item("P1", "MUG-1", 10)])], accept);
    await importListings(ebay, [listing("MUG-1", [item("MUG-1", "MUG-1", 8)])], accept);

    const p = await productBySku(org.id, "MUG-1");
    expect(p?.onHand).toBe(8);
    const moves = await movementsOf(p!.id);
    expect(moves.map((m) => [m.reason, m.delta])).toEqual([["import", 10], ["import", -2]]);
    expect(moves[1].note).toMatch(/took the lower/);
    // Etsy still shows 10: it must be pushed down to 8; eBay already shows 8.
    expect((await pendingPushes(etsy)).map((x) => x.target)).toEqual([8]);
    expect((await pendingPushes(ebay)).filter((x) => x.lastSeen !== x.target)).toEqual([]);
  });

  it("gives items without a SKU a stable generated one and leaves them unlinked", async () => {
    const org = await makeOrg();
    const etsy = await makeConnection(org.id, "etsy");
    await importListings(etsy, [listing("L9", [item("P9", null, 3)])], accept);
    await importListings(etsy, [listing("L9", [item("P9", "", 3)])], accept);
    const items = await itemsOf(etsy.id);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ sku: "ETSY-L9", skuGenerated: true, productId: null });
  });

  it("keeps one channel item when Etsy renumbers a listing's products after an update", async () => {
    const org = await makeOrg();
    const etsy = await makeConnection(org.id, "etsy");
    await importListings(etsy, [listing("L5", [item("P1", "REN-S", 3, { variation: "Size: S" }), item("P2", null, 4, { variation: "Size: M" })])], accept);
    await importListings(etsy, [listing("L5", [item("P7", "REN-S", 3, { variation: "Size: S" }), item("P8", null, 4, { variation: "Size: M" })])], accept);
    const items = await itemsOf(etsy.id);
    expect(items.map((i) => [i.externalId, i.sku]).sort()).toEqual([
      ["P7", "REN-S"],
      ["P8", "ETSY-L5-SIZE-M"],
    ]);
  });

  it("imports the rest of a page when the database refuses one listing, and records that listing on the run", async () => {
    const org = await makeOrg();
    const etsy = await makeConnection(org.id, "etsy");
    // PostgreSQL text and jsonb cannot hold a NUL character: the whole page fails in bulk.
    const bad = { ...listing("LBAD", [item("PB", "BAD-1", 2)]), title: "Broken \u0000 title" };
    const counts = await importListings(etsy, [listing("LA", [item("PA", "GOOD-A", 3)]), bad, listing("LC", [item("PC", "GOOD-C", 5)])], accept);
    expect(counts.errors).toEqual([{ ref: "listing LBAD", message: expect.stringMatching(/could not be imported .*retried on the next sync/) }]);
    expect(counts.created).toBe(2);
    expect((await productBySku(org.id, "GOOD-A"))?.onHand).toBe(3);
    expect((await productBySku(org.id, "GOOD-C"))?.onHand).toBe(5);
    expect(await productBySku(org.id, "BAD-1")).toBeUndefined();
    expect((await itemsOf(etsy.id)).map((i) => i.sku).sort()).toEqual(["GOOD-A", "GOOD-C"]);
  });

  it("imports a page in bulk exactly once: a rerun changes nothing and a SKU shared by two listings opens once", async () => {
    const org = await makeOrg();
    const etsy = await makeConnection(org.id, "etsy");
    const page = [listing("L1", [item("P1", "TWIN", 4)]), listing("L2", [item("P2", "TWIN", 6), item("P3", "SOLO", 2, { variation: "Size: S" })])];
    const first = await importListings(etsy, page, accept);
    expect(first).toMatchObject({ seen: 3, created: 3, errors: [] });
    const twin = await productBySku(org.id, "TWIN");
    // The first listing opens the product; the second holds more, so ours is kept and pushed there.
    expect(twin?.onHand).toBe(4);
    expect((await movementsOf(twin!.id)).map((m) => [m.reason, m.delta, m.onHandAfter])).toEqual([["import", 4, 4], ["import", 0, 4]]);
    expect((await pendingPushes(etsy)).map((p) => [p.sku, p.target]).sort()).toEqual([["TWIN", 4], ["TWIN", 4]]);

    const again = await importListings(etsy, page, accept);
    expect(again).toMatchObject({ created: 0, updated: 0, errors: [], observations: 0 });
    expect(await movementsOf(twin!.id)).toHaveLength(2);
    expect((await productBySku(org.id, "SOLO"))?.onHand).toBe(2);
    expect(await itemsOf(etsy.id)).toHaveLength(3);
  });

  it("creates a product holding its opening balance and still moves it when a later item of the same page lowers it", async () => {
    const org = await makeOrg();
    const etsy = await makeConnection(org.id, "etsy");
    const ebay = await makeConnection(org.id, "ebay");
    // Opened at 6 by the first listing, lowered to 4 by the second: on_hand is the sum of the movements.
    await importListings(etsy, [listing("L1", [item("P1", "DROP", 6)]), listing("L2", [item("P2", "DROP", 4)]), listing("L3", [item("P3", "KEEP", 3)])], accept);
    for (const [sku, expected] of [["DROP", 4], ["KEEP", 3]] as const) {
      const p = await productBySku(org.id, sku);
      const moves = await movementsOf(p!.id);
      expect(p?.onHand, sku).toBe(expected);
      expect(moves.reduce((sum, m) => sum + m.delta, 0), sku).toBe(expected);
      expect(moves.at(-1)?.onHandAfter, sku).toBe(expected);
    }
    // A second channel's import finds the products existing: they are locked and read, not created.
    await importListings(ebay, [listing("DROP", [item("DROP", "DROP", 2)]), listing("NEW", [item("NEW", "NEW", 7)])], accept);
    const drop = await productBySku(org.id, "DROP");
    expect(drop?.onHand).toBe(2);
    expect((await movementsOf(drop!.id)).reduce((sum, m) => sum + m.delta, 0)).toBe(2);
    expect((await productBySku(org.id, "NEW"))?.onHand).toBe(7);
  });

  it("skips a negative quantity with a clear message and imports the rest of the listing", async () => {
    const org = await makeOrg();
    const etsy = await makeConnection(org.id, "etsy");
    const counts = await importListings(etsy, [listing("L2", [item("A", "NEG-1", -3), item("B", "OK-1", 4)])], accept);
    expect(counts.errors).toEqual([{ ref: "listing L2 item A", message: expect.stringContaining("negative quantity (-3)") }]);
    expect(await productBySku(org.id, "NEG-1")).toBeUndefined();
    expect((await productBySku(org.id, "OK-1"))?.onHand).toBe(4);
  });
});

describe("importing orders", () => {
  it("turns a paid line into one sale, ignores a replay, and reverses it once when cancelled", async () => {
    const org = await makeOrg();
    const etsy = await makeConnection(org.id, "etsy");
    const ebay = await makeConnection(org.id, "ebay");
    await importListings(etsy, [listing("L1", [item("P1", "CUP-1", 10)])], accept);
    await importListings(ebay, [listing("CUP-1", [item("CUP-1", "CUP-1", 10)])], accept);
    const sale = order("R1", [{ lineId: "T1", itemId: "P1", sku: "CUP-1", quantity: 3 }]);

    await importOrders(etsy, [sale]);
    await importOrders(etsy, [sale]);
    const p = await productBySku(org.id, "CUP-1");
    expect(p?.onHand).toBe(7);
    expect((await itemsOf(etsy.id))[0].lastSeenQuantity).toBe(7);
    expect((await pendingPushes(ebay)).map((x) => x.target)).toEqual([7]);

    const cancelled = { ...sale, cancelled: true, status: "cancelled", updatedAt: new Date() };
    await importOrders(etsy, [cancelled]);
    await importOrders(etsy, [cancelled]);
    expect((await productBySku(org.id, "CUP-1"))?.onHand).toBe(10);
    expect((await movementsOf(p!.id)).map((m) => m.reason)).toEqual(["import", "sale", "cancel"]);
    const [row] = await db.select().from(orders).where(eq(orders.connectionId, etsy.id));
    expect(await db.select().from(orderLines).where(eq(orderLines.orderId, row.id))).toHaveLength(1);
  });

  it("records a line with an unknown SKU on the run and still counts the other lines", async () => {
    const org = await makeOrg();
    const etsy = await makeConnection(org.id, "etsy");
    await importListings(etsy, [listing("L1", [item("P1", "KNOWN", 5)])], accept);
    const r = await importOrders(etsy, [
      order("R2", [
        { lineId: "X", sku: "NOPE", quantity: 1 },
        { lineId: "Y", itemId: "P1", sku: "KNOWN", quantity: 2 },
        { lineId: "Z", itemId: "P1", sku: "KNOWN", quantity: -1 },
      ]),
    ]);
    expect(r.errors.map((e) => e.ref)).toEqual(["order #R2 line X", "order #R2 line Z"]);
    expect(r.errors[0].message).toContain('SKU "NOPE"');
    expect((await productBySku(org.id, "KNOWN"))?.onHand).toBe(3);
  });

  it("does not count orders placed before the listing quantities were read", async () => {
    const org = await makeOrg();
    const etsy = await makeConnection(org.id, "etsy");
    await importListings(etsy, [listing("L1", [item("P1", "OLD-1", 5)])], accept);
    const old = new Date(Date.now() - 3600_000);
    await importOrders(etsy, [order("R3", [{ lineId: "T3", itemId: "P1", sku: "OLD-1", quantity: 2 }], { placedAt: old, updatedAt: old })]);
    expect((await productBySku(org.id, "OLD-1"))?.onHand).toBe(5);
  });
});

describe("reconciling quantities edited on the channel", () => {
  async function poll(conn: Awaited<ReturnType<typeof makeConnection>>, sku: string, quantity: number, policy: "accept" | "overwrite") {
    await importListings(conn, [listing("L1", [item("P1", sku, quantity)])], { fetchedAt: new Date(Date.now() - 10_000) });
    return reconcileObservations(conn, policy);
  }

  it("accepts an edit as a channel_edit movement by default, once however often it is polled", async () => {
    const org = await makeOrg();
    const etsy = await makeConnection(org.id, "etsy");
    await importListings(etsy, [listing("L1", [item("P1", "EDIT-1", 5)])], accept);
    await poll(etsy, "EDIT-1", 9, "accept");
    await poll(etsy, "EDIT-1", 9, "accept");
    const p = await productBySku(org.id, "EDIT-1");
    expect(p?.onHand).toBe(9);
    const moves = await movementsOf(p!.id);
    expect(moves.map((m) => [m.reason, m.delta])).toEqual([["import", 5], ["channel_edit", 4]]);
    expect(moves[1].note).toContain("from 5 to 9");
  });

  it("pushes our value back when Stockroom is the source of truth, and still shows the edit in history", async () => {
    const org = await makeOrg({ channelEditPolicy: "overwrite" });
    const etsy = await makeConnection(org.id, "etsy");
    await importListings(etsy, [listing("L1", [item("P1", "EDIT-2", 5)])], accept);
    await poll(etsy, "EDIT-2", 9, "overwrite");
    const p = await productBySku(org.id, "EDIT-2");
    expect(p?.onHand).toBe(5);
    expect((await movementsOf(p!.id)).map((m) => [m.reason, m.delta])).toEqual([["import", 5], ["channel_edit", 0]]);
    expect((await pendingPushes(etsy)).map((x) => [x.lastSeen, x.target])).toEqual([[9, 5]]);
  });

  it("does not take a sale placed after the listing was read for an edit", async () => {
    const org = await makeOrg();
    const etsy = await makeConnection(org.id, "etsy");
    await importListings(etsy, [listing("L1", [item("P1", "RACE-1", 10)])], accept);
    // The listing is read showing 8 (a sale of 2 not imported yet), then a sale of 1 lands before the orders poll.
    const readAt = new Date(Date.now() - 5_000);
    await importListings(etsy, [listing("L1", [item("P1", "RACE-1", 8)])], { fetchedAt: readAt });
    await importOrders(etsy, [
      order("R10", [{ lineId: "T10", itemId: "P1", sku: "RACE-1", quantity: 2 }], { placedAt: new Date(readAt.getTime() - 10_000) }),
      order("R11", [{ lineId: "T11", itemId: "P1", sku: "RACE-1", quantity: 1 }], { placedAt: new Date() }),
    ]);
    await reconcileObservations(etsy, "accept");
    const p = await productBySku(org.id, "RACE-1");
    expect(p?.onHand).toBe(7);
    expect((await movementsOf(p!.id)).map((m) => m.reason)).toEqual(["import", "sale", "sale"]);
  });

  it("judges reads of many items in one go, each item's reads in order and each edit once", async () => {
    const org = await makeOrg();
    const etsy = await makeConnection(org.id, "etsy");
    const shop = (a: number, b: number, c: number) => [listing("L1", [item("P1", "MANY-A", a), item("P2", "MANY-B", b), item("P3", "MANY-C", c)])];
    await importListings(etsy, shop(5, 5, 5), accept);
    // A is edited twice (5 -> 7 -> 9) between orders polls, B sells one, C is edited down.
    await importListings(etsy, shop(7, 5, 5), { fetchedAt: new Date(Date.now() - 30_000) });
    await importOrders(etsy, [order("MANY-R1", [{ lineId: "MANY-T1", itemId: "P2", sku: "MANY-B", quantity: 1 }], { placedAt: new Date(Date.now() - 25_000) })]);
    await importListings(etsy, shop(9, 4, 3), { fetchedAt: new Date(Date.now() - 20_000) });
    await reconcileObservations(etsy, "accept");
    const moves = async (sku: string) => (await movementsOf((await productBySku(org.id, sku))!.id)).map((m) => [m.reason, m.delta]);
    expect(await moves("MANY-A")).toEqual([["import", 5], ["channel_edit", 2], ["channel_edit", 2]]);
    expect(await moves("MANY-B")).toEqual([["import", 5], ["sale", -1]]);
    expect(await moves("MANY-C")).toEqual([["import", 5], ["channel_edit", -2]]);
    expect((await productBySku(org.id, "MANY-A"))?.onHand).toBe(9);
    // Nothing is left to judge, and judging again changes nothing.
    await reconcileObservations(etsy, "accept");
    expect(await moves("MANY-A")).toHaveLength(3);
  });
});
