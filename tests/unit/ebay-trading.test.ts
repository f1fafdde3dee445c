import { describe, expect, it } from "vitest";
import { readListingsCursor, writeListingsCursor } from "@/lib/marketplaces/ebay/listings-cursor";
import { tradingItemSchema } from "@/lib/marketplaces/ebay/trading/calls";
import { parseTradingKey, tradingItemKey } from "@/lib/marketplaces/ebay/trading/keys";
import { mapTradingItem } from "@/lib/marketplaces/ebay/trading/map-listing";
import { planTradingPush } from "@/lib/marketplaces/ebay/trading/push";
import { parseTradingResponse, tradingRequestXml } from "@/lib/marketplaces/ebay/trading/xml";
import { ASK_MESSAGE, zeroStockDecision } from "@/lib/marketplaces/ebay/zero-stock";

describe("what may be sent to eBay at 0", () => {
  it.each([
    [3, { outOfStockControl: false, policy: "ask" }, { send: 3 }],
    [0, { outOfStockControl: true, policy: "ask" }, { send: 0 }],
    [0, { outOfStockControl: false, policy: "end" }, { send: 0 }],
    [0, { outOfStockControl: false, policy: "keep_one" }, { send: 1, heldAtOne: true }],
    [0, { outOfStockControl: false, policy: "ask" }, { refuse: ASK_MESSAGE }],
    // Never read yet: treated as off.
    [0, { outOfStockControl: null, policy: "ask" }, { refuse: ASK_MESSAGE }],
  ] as const)("target %i with %o → %o", (target, ctx, decision) => {
    expect(zeroStockDecision(target, ctx)).toEqual(decision);
  });
});

describe("Seller Hub item keys", () => {
  it.each([
    [tradingItemKey("110000000001"), { itemId: "110000000001", variationSku: null, specifics: null }],
    [tradingItemKey("110000000001", { sku: "TEE-M", specifics: { Size: "M" } }), { itemId: "110000000001", variationSku: "TEE-M", specifics: null }],
    [tradingItemKey("110000000001", { specifics: { Size: "M", Colour: "Sage" } }), { itemId: "110000000001", variationSku: null, specifics: "Colour=Sage;Size=M" }],
  ])("%s parses back", (key, parsed) => {
    expect(parseTradingKey(key)).toEqual(parsed);
  });

  it("an Inventory-API SKU is not a Seller Hub key, even one with colons", () => {
    expect(parseTradingKey("MUG-1")).toBeNull();
    expect(parseTradingKey("trading:abc")).toBeNull();
  });
});

describe("ReviseInventoryStatus planning", () => {
  const req = (externalId: string, quantity: number) => ({ externalId, externalOfferId: null, listingExternalId: null, sku: "x", quantity });
  it("sends Seller Hub items, refuses Inventory SKUs, SKU-less variations and unchosen zeros", () => {
    const { send, refused } = planTradingPush(
      [req("trading:1", 2), req("trading:2:sku:TEE-M", 0), req("INV-1", 2), req("trading:3:spec:Size=M", 2), req("trading:4", 0)],
      { outOfStockControl: false, policy: "ask" },
    );
    expect(send.map((s) => s.status)).toEqual([{ itemId: "1", quantity: 2 }]);
    expect(refused.map((r) => r.externalId)).toEqual(["trading:2:sku:TEE-M", "INV-1", "trading:3:spec:Size=M", "trading:4"]);
  });
});

describe("Trading XML", () => {
  it("builds the request document in eBay's namespace, escaping text", () => {
    expect(tradingRequestXml("GetItem", { ItemID: "1&2" })).toBe('<?xml version="1.0" encoding="utf-8"?><GetItemRequest xmlns="urn:ebay:apis:eBLBaseComponents"><ItemID>1&amp;2</ItemID></GetItemRequest>');
  });

  it("reads errors with their parameters, and refuses a body that is not the call's answer", () => {
    const xml =
      '<?xml version="1.0"?><ReviseInventoryStatusResponse xmlns="urn:ebay:apis:eBLBaseComponents"><Ack>Failure</Ack><Errors><ShortMessage>Auction ended.</ShortMessage><LongMessage>You are not allowed to revise ended listings.</LongMessage><ErrorCode>291</ErrorCode><SeverityCode>Error</SeverityCode><ErrorParameters ParamID="0"><Value>123</Value></ErrorParameters></Errors></ReviseInventoryStatusResponse>';
    const answer = parseTradingResponse("ReviseInventoryStatus", xml);
    expect(answer.Ack).toBe("Failure");
    expect(answer.Errors[0]).toMatchObject({ ErrorCode: 291, ErrorParameters: [{ Value: "123" }] });
    expect(() => parseTradingResponse("GetItem", xml)).toThrow(/unexpected answer/);
    expect(() => parseTradingResponse("GetItem", "<html>oops")).toThrow();
  });
});

describe("Seller Hub listing mapping", () => {
  it("available = Quantity − QuantitySold per variation; an ended listing is ENDED and not buyable", () => {
    const item = tradingItemSchema.parse({
      ItemID: "7",
      Title: "Tee",
      Quantity: "9",
      SellingStatus: { QuantitySold: "2", ListingStatus: "Completed" },
      Variations: { Variation: [{ SKU: "T-S", Quantity: "4", SellingStatus: { QuantitySold: "1" }, VariationSpecifics: { NameValueList: [{ Name: "Size", Value: ["S"] }] } }] },
    });
    const listing = mapTradingItem(item);
    expect(listing.state).toBe("ENDED");
    expect(listing.items).toEqual([{ externalId: "trading:7:sku:T-S", externalOfferId: null, sku: "T-S", title: "Tee", variation: "Size: S", quantity: 3, enabled: false }]);
  });
});

describe("eBay listings cursor", () => {
  it("reads older numeric cursors as Inventory pages and round-trips the two phases", () => {
    expect(readListingsCursor(null)).toEqual({ phase: "inventory", page: 0, inventoryListingIds: [] });
    expect(readListingsCursor("3")).toEqual({ phase: "inventory", page: 3, inventoryListingIds: [] });
    const c = { phase: "trading" as const, page: 2, inventoryListingIds: ["110"] };
    expect(readListingsCursor(writeListingsCursor(c))).toEqual(c);
  });
});
