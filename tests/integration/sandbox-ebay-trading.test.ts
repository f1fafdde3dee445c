import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSandbox, type RunningSandbox } from "@/sandbox/app";
import { specValidator } from "@/sandbox/spec-validator";
import { connectEbay } from "@/sandbox/testing";
import { errorCodes, tradingCall } from "@/tests/support/trading";

// Contract tests of the Trading API emulation (/ebay/ws/api.dll): eBay's XML shapes and
// error bodies, the IAF token, the 4-per-call limit, the refusal to revise an
// Inventory-model listing, the short-duration and daily limits, and out-of-stock control.

let sb: RunningSandbox;
let token: string;
let itemIds: string[];

async function control<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${sb.url}/_control${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

type ListingState = { item_id: string; state: string; quantity: number; quantity_sold: number; variations: { sku: string | null; quantity: number; quantity_sold: number }[] };
type XmlItem = { ItemID: string; SKU?: string; Quantity: string; QuantityAvailable?: string; SellingStatus: { QuantitySold: string; ListingStatus?: string }; Variations?: { Variation: { SKU?: string; Quantity: string; VariationSpecifics: { NameValueList: { Name: string; Value: string }[] } }[] } };

const call = (name: string, inner = "", t: string | null = token, headers: Record<string, string> = {}) => tradingCall(sb.url, name, t, inner, headers);
const status = (itemId: string, quantity: number, sku?: string) => `<InventoryStatus><ItemID>${itemId}</ItemID>${sku ? `<SKU>${sku}</SKU>` : ""}<Quantity>${quantity}</Quantity></InventoryStatus>`;
const activeList = (perPage: number, page: number, variations = true) =>
  `<ActiveList><Include>true</Include><IncludeVariations>${variations}</IncludeVariations><Pagination><EntriesPerPage>${perPage}</EntriesPerPage><PageNumber>${page}</PageNumber></Pagination></ActiveList>`;

async function seed(outOfStockControl: boolean) {
  await control("POST", "/reset");
  const created = await control<{ item_ids: string[] }>("POST", "/ebay/sellers", {
    username: "hub_seller",
    out_of_stock_control: outOfStockControl,
    items: [{ sku: "INV-1", title: "Inventory-API mug", quantity: 4, price: 20 }],
    trading_listings: [
      { title: "Linen apron", sku: "APRON-1", quantity: 5, price: 30 },
      { title: "Wool beanie", price: 25, variations: [{ sku: "BEANIE-S", specifics: { Size: "S" }, quantity: 2 }, { sku: "BEANIE-M", specifics: { Size: "M" }, quantity: 3 }] },
      { title: "Tea towel without SKU", quantity: 1, price: 12 },
    ],
  });
  expect(created.status).toBe(201);
  itemIds = created.body.item_ids;
  token = (await connectEbay(sb.url, "hub_seller")).access_token;
}

beforeAll(async () => {
  sb = await startSandbox({ port: 0 });
});
afterAll(() => sb.close());
beforeEach(() => seed(true));

describe("GetMyeBaySelling", () => {
  it("lists every active listing of both models with eBay's envelope, paginated", async () => {
    const first = await call("GetMyeBaySelling", activeList(2, 1));
    expect(first.root).toBe("GetMyeBaySellingResponse");
    expect(first.xml).toContain('xmlns="urn:ebay:apis:eBLBaseComponents"');
    expect(first.body.Ack).toBe("Success");
    expect(first.body.Version).toBe("1349");
    const list = first.body.ActiveList as { ItemArray: { Item: XmlItem[] }; PaginationResult: { TotalNumberOfPages: string; TotalNumberOfEntries: string } };
    expect(list.PaginationResult).toEqual({ TotalNumberOfPages: "2", TotalNumberOfEntries: "4" });
    expect(list.ItemArray.Item).toHaveLength(2);
    const second = await call("GetMyeBaySelling", activeList(2, 2));
    const all = [...list.ItemArray.Item, ...(second.body.ActiveList as { ItemArray: { Item: XmlItem[] } }).ItemArray.Item];
    // The Inventory-API listing shows here too, as it does on eBay: callers must not revise it.
    expect(all.map((i) => i.SKU ?? null)).toEqual(["INV-1", "APRON-1", null, null]);
    const beanie = all.find((i) => i.ItemID === itemIds[1]);
    expect(beanie?.QuantityAvailable).toBe("5");
    expect(beanie?.Variations?.Variation.map((v) => [v.SKU, v.Quantity, v.VariationSpecifics.NameValueList[0]])).toEqual([
      ["BEANIE-S", "2", { Name: "Size", Value: "S" }],
      ["BEANIE-M", "3", { Name: "Size", Value: "M" }],
    ]);
  });

  it("refuses a page size above 200 with <Ack>Failure</Ack> and an Errors container", async () => {
    const r = await call("GetMyeBaySelling", activeList(201, 1));
    expect(r.status).toBe(200);
    expect(r.body.Ack).toBe("Failure");
    expect(r.body.Errors?.[0]).toMatchObject({ ErrorCode: "37", SeverityCode: "Error", ShortMessage: "Input data is invalid." });
    expect(r.body.Errors?.[0].LongMessage).toContain("EntriesPerPage");
  });
});

describe("GetItem", () => {
  it("returns quantities, QuantitySold, ListingStatus and variations; another seller's or unknown item is error 17", async () => {
    await control("POST", "/ebay/sellers/hub_seller/orders", { item_id: itemIds[1], sku: "BEANIE-M", quantity: 1 });
    const r = await call("GetItem", `<ItemID>${itemIds[1]}</ItemID>`);
    const item = (r.body.Item as XmlItem[])[0];
    expect(item.SellingStatus).toMatchObject({ QuantitySold: "1", ListingStatus: "Active" });
    expect(item.Variations?.Variation.map((v) => v.Quantity)).toEqual(["2", "3"]);
    const missing = await call("GetItem", "<ItemID>999</ItemID>");
    expect(missing.body.Ack).toBe("Failure");
    expect(missing.body.Errors?.[0]).toMatchObject({ ErrorCode: "17", ShortMessage: "Item cannot be accessed." });
  });
});

describe("GetSellerList", () => {
  it("by end time: a window up to now returns the listings that ended in it, not the active ones (GTC ends at its next renewal)", async () => {
    await seed(false);
    await call("ReviseInventoryStatus", status(itemIds[2], 0));
    const now = Date.now();
    const window = (from: number, to: number) => `<EndTimeFrom>${new Date(from).toISOString()}</EndTimeFrom><EndTimeTo>${new Date(to).toISOString()}</EndTimeTo><Pagination><EntriesPerPage>200</EntriesPerPage><PageNumber>1</PageNumber></Pagination>`;
    const ended = await call("GetSellerList", window(now - 86_400_000, now + 60_000));
    expect(ended.body.Ack).toBe("Success");
    const items = (ended.body.ItemArray as { Item: XmlItem[] }).Item;
    expect(items.map((i) => [i.ItemID, i.SellingStatus.ListingStatus])).toEqual([[itemIds[2], "Completed"]]);
    const ahead = await call("GetSellerList", window(now, now + 31 * 86_400_000));
    expect((ahead.body.ItemArray as { Item: XmlItem[] }).Item.map((i) => i.ItemID)).not.toContain(itemIds[2]);
    expect((ahead.body.ItemArray as { Item: XmlItem[] }).Item).toHaveLength(3);
    expect(errorCodes(await call("GetSellerList", window(now - 121 * 86_400_000, now)))).toEqual([37]);
  });
});

describe("ReviseInventoryStatus", () => {
  it("revises a listing by ItemID and a variation by SKU: the Quantity sent is what buyers can buy", async () => {
    await control("POST", "/ebay/sellers/hub_seller/orders", { item_id: itemIds[0], quantity: 2 });
    const r = await call("ReviseInventoryStatus", status(itemIds[0], 7) + status(itemIds[1], 0, "BEANIE-S"));
    expect(r.body.Ack).toBe("Success");
    expect((r.body.InventoryStatus as { ItemID: string; Quantity: string }[]).map((s) => [s.ItemID, s.Quantity])).toEqual([
      [itemIds[0], "7"],
      [itemIds[1], "0"],
    ]);
    const apron = await control<ListingState>("GET", `/ebay/trading-listings/${itemIds[0]}`);
    expect(apron.body).toMatchObject({ quantity: 7, quantity_sold: 2, state: "ACTIVE" });
    const beanie = await control<ListingState>("GET", `/ebay/trading-listings/${itemIds[1]}`);
    expect(beanie.body.variations.map((v) => v.quantity)).toEqual([0, 3]);
  });

  it("takes at most 4 InventoryStatus containers", async () => {
    const five = [0, 1, 2, 3, 4].map(() => status(itemIds[0], 1)).join("");
    const r = await call("ReviseInventoryStatus", five);
    expect(r.body.Ack).toBe("Failure");
    expect(errorCodes(r)).toEqual([37]);
    expect(r.body.Errors?.[0].LongMessage).toContain("At most 4");
  });

  it("never revises an Inventory-model listing (21919474), and reports each refused item while applying the others", async () => {
    const invListing = (await call("GetMyeBaySelling", activeList(1, 1))).body.ActiveList as { ItemArray: { Item: XmlItem[] } };
    const invItemId = invListing.ItemArray.Item[0].ItemID;
    const r = await call("ReviseInventoryStatus", status(invItemId, 9) + status(itemIds[0], 3) + status(itemIds[1], 1));
    expect(r.body.Ack).toBe("Failure");
    const [inv, noSku] = r.body.Errors ?? [];
    expect(inv).toMatchObject({ ErrorCode: "21919474", ShortMessage: "This operation is not allowed for inventory items." });
    expect(inv.LongMessage).toBe("Inventory-based listing management is not currently supported by this tool. Please refer to the tool used to create this listing.");
    expect(inv.ErrorParameters).toMatchObject({ Value: invItemId });
    expect(noSku.ErrorCode).toBe("37");
    expect((r.body.InventoryStatus as { ItemID: string }[]).map((s) => s.ItemID)).toEqual([itemIds[0]]);
    const item = await control<{ availability: { shipToLocationAvailability: { quantity: number } } }>("GET", "/ebay/items/INV-1?seller=hub_seller");
    expect(item.body.availability.shipToLocationAvailability.quantity).toBe(4);
  });

  it("with out-of-stock control, quantity 0 hides the listing and a restock brings it back", async () => {
    await call("ReviseInventoryStatus", status(itemIds[2], 0));
    expect((await control<ListingState>("GET", `/ebay/trading-listings/${itemIds[2]}`)).body.state).toBe("OUT_OF_STOCK");
    const restock = await call("ReviseInventoryStatus", status(itemIds[2], 2));
    expect(restock.body.Ack).toBe("Success");
    expect((await control<ListingState>("GET", `/ebay/trading-listings/${itemIds[2]}`)).body).toMatchObject({ state: "ACTIVE", quantity: 2 });
  });

  it("without out-of-stock control, quantity 0 ends the listing and a restock is refused (291)", async () => {
    await seed(false);
    await call("ReviseInventoryStatus", status(itemIds[2], 0));
    expect((await control<ListingState>("GET", `/ebay/trading-listings/${itemIds[2]}`)).body.state).toBe("ENDED");
    const restock = await call("ReviseInventoryStatus", status(itemIds[2], 2));
    expect(restock.body.Errors?.[0]).toMatchObject({ ErrorCode: "291", ShortMessage: "Auction ended." });
    const ended = await call("GetItem", `<ItemID>${itemIds[2]}</ItemID>`);
    expect((ended.body.Item as XmlItem[])[0].SellingStatus.ListingStatus).toBe("Completed");
    const active = (await call("GetMyeBaySelling", activeList(200, 1))).body.ActiveList as { ItemArray: { Item: XmlItem[] } };
    expect(active.ItemArray.Item.map((i) => i.ItemID)).not.toContain(itemIds[2]);
  });

  it("without out-of-stock control, a sale of the last unit ends the listing on the Inventory side too (listingStatus ENDED)", async () => {
    await seed(false);
    expect((await control("POST", "/ebay/sellers/hub_seller/orders", { sku: "INV-1", quantity: 4 })).status).toBe(201);
    const item = await control<{ offers: { listing: { listingStatus: string } }[] }>("GET", "/ebay/items/INV-1?seller=hub_seller");
    expect(item.body.offers[0].listing.listingStatus).toBe("ENDED");
    expect((await control("PATCH", "/ebay/items/INV-1?seller=hub_seller", { quantity: 3 })).status).toBe(200);
    expect((await control<{ offers: { listing: { listingStatus: string } }[] }>("GET", "/ebay/items/INV-1?seller=hub_seller")).body.offers[0].listing.listingStatus).toBe("ENDED");
  });
});

describe("IAF token and headers", () => {
  it("no token is 930, an unknown one 21916984, an expired one 21917053 (all HTTP 200 XML)", async () => {
    expect(errorCodes(await call("GetUserPreferences", "", null))).toEqual([930]);
    expect(errorCodes(await call("GetUserPreferences", "", "v^1.1#nonsense"))).toEqual([21916984]);
    await fetch(`${sb.url}/_control/faults`, { method: "POST", body: JSON.stringify({ marketplace: "ebay", kind: "expire_tokens" }) });
    const expired = await call("GetUserPreferences", "");
    expect(expired.status).toBe(200);
    expect(expired.body.Errors?.[0]).toMatchObject({ ErrorCode: "21917053", ShortMessage: "Expired IAF token.", LongMessage: "IAF token supplied is expired. " });
  });

  it("an unknown call name is error 2; an old compatibility level is refused", async () => {
    expect(errorCodes(await call("AddEverything", ""))).toEqual([2]);
    expect((await call("GetItem", `<ItemID>${itemIds[0]}</ItemID>`, token, { "x-ebay-api-compatibility-level": "500" })).body.Ack).toBe("Failure");
  });
});

describe("preferences and access rules", () => {
  it("GetUserPreferences reports OutOfStockControlPreference; SetUserPreferences changes it", async () => {
    const r = await call("GetUserPreferences", "<ShowOutOfStockControlPreference>true</ShowOutOfStockControlPreference>");
    expect(r.body.OutOfStockControlPreference).toBe("true");
    await control("PUT", "/ebay/sellers/hub_seller/preferences", { out_of_stock_control: false });
    expect((await call("GetUserPreferences", "<ShowOutOfStockControlPreference>true</ShowOutOfStockControlPreference>")).body.OutOfStockControlPreference).toBe("false");
    expect((await call("SetUserPreferences", "<OutOfStockControlPreference>true</OutOfStockControlPreference>")).body.Ack).toBe("Success");
    expect((await call("GetUserPreferences", "<ShowOutOfStockControlPreference>true</ShowOutOfStockControlPreference>")).body.OutOfStockControlPreference).toBe("true");
  });

  it("GetApiAccessRules reports daily usage per call", async () => {
    await call("GetItem", `<ItemID>${itemIds[0]}</ItemID>`);
    const r = await call("GetApiAccessRules");
    const rules = r.body.ApiAccessRule as { CallName: string; DailyUsage: string; DailyHardLimit: string }[];
    expect(rules.find((x) => x.CallName === "GetItem")).toMatchObject({ DailyUsage: "1", DailyHardLimit: "1500000" });
    expect(rules[0].CallName).toBe("ApplicationAggregate");
  });
});

describe("orders on Seller Hub listings", () => {
  it("a sale by item_id and variation sku shows in getOrders (spec-valid) and lowers the variation; a cancel restores it", async () => {
    const order = await control<{ order_id: string }>("POST", "/ebay/sellers/hub_seller/orders", { item_id: itemIds[1], sku: "BEANIE-S", quantity: 2 });
    expect(order.status).toBe(201);
    const res = await fetch(`${sb.url}/ebay/sell/fulfillment/v1/order/${order.body.order_id}`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as { lineItems: { legacyItemId: string; sku?: string; quantity: number }[] };
    expect(specValidator("ebay-fulfillment", { closed: true }).validateResponse("getOrder", 200, body)).toEqual({ ok: true });
    expect(body.lineItems[0]).toMatchObject({ legacyItemId: itemIds[1], sku: "BEANIE-S", quantity: 2 });
    expect((await control<ListingState>("GET", `/ebay/trading-listings/${itemIds[1]}`)).body.variations[0]).toMatchObject({ quantity: 0, quantity_sold: 2 });
    await control("POST", `/ebay/orders/${order.body.order_id}/cancel`);
    expect((await control<ListingState>("GET", `/ebay/trading-listings/${itemIds[1]}`)).body.variations[0]).toMatchObject({ quantity: 2, quantity_sold: 0 });
  });

  it("PATCH edits quantities as the seller would in Seller Hub", async () => {
    const r = await control<ListingState>("PATCH", `/ebay/trading-listings/${itemIds[1]}`, { variations: [{ sku: "BEANIE-M", quantity: 8 }] });
    expect(r.body.variations.map((v) => v.quantity)).toEqual([2, 8]);
    expect((await control("PATCH", `/ebay/trading-listings/${itemIds[1]}`, { quantity: 3 })).status).toBe(400);
  });
});

describe("limits", () => {
  it("ReviseInventoryStatus over the short-duration limit is 21919144 and blocks the seller for 15 s; the daily limit is 518", async () => {
    const limited = await startSandbox({ port: 0, config: { ebay: { trading: { reviseCallsPer15s: 3, dailyPerCall: 6 } } } });
    try {
      const created = await fetch(`${limited.url}/_control/ebay/sellers`, { method: "POST", body: JSON.stringify({ username: "busy", trading_listings: [{ title: "Mug", quantity: 5, price: 9 }] }) });
      const { item_ids } = (await created.json()) as { item_ids: string[] };
      const t = (await connectEbay(limited.url, "busy")).access_token;
      const revise = () => tradingCall(limited.url, "ReviseInventoryStatus", t, status(item_ids[0], 4));
      for (let i = 0; i < 3; i++) expect((await revise()).body.Ack).toBe("Success");
      expect(errorCodes(await revise())).toEqual([21919144]);
      await fetch(`${limited.url}/_control/clock`, { method: "POST", body: JSON.stringify({ advance_seconds: 10 }) });
      expect(errorCodes(await revise())).toEqual([21919144]);
      await fetch(`${limited.url}/_control/clock`, { method: "POST", body: JSON.stringify({ advance_seconds: 6 }) });
      expect((await revise()).body.Ack).toBe("Success");
      // Six calls counted today (the refused ones too): the seventh is over the daily limit.
      const daily = await revise();
      expect(daily.body.Errors?.[0]).toMatchObject({ ErrorCode: "518", ShortMessage: "Call usage limit has been reached." });
    } finally {
      await limited.close();
    }
  });
});
