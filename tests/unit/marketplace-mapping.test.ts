import { describe, expect, it } from "vitest";
import { ebayPriceQuantityRequests, mapEbayInventoryItem } from "@/lib/marketplaces/ebay/map-inventory";
import { mapEbayOrder } from "@/lib/marketplaces/ebay/map-order";
import { mapEtsyListing, variationText } from "@/lib/marketplaces/etsy/map-listing";
import { mapEtsyReceipt } from "@/lib/marketplaces/etsy/map-receipt";
import { ebayAmountToMinor, etsyMoneyToMinor } from "@/lib/marketplaces/money";

describe("money to minor units", () => {
  it.each([
    [{ amount: 1999, divisor: 100, currency_code: "USD" }, 1999],
    [{ amount: 1500, divisor: 1, currency_code: "JPY" }, 1500],
    [{ amount: 12345, divisor: 1000, currency_code: "EUR" }, 1235],
    [{ amount: 5000, divisor: 1000, currency_code: "KWD" }, 5000],
    [undefined, 0],
  ])("Etsy %j is %i minor units", (money, minor) => expect(etsyMoneyToMinor(money)).toBe(minor));

  it.each([
    [{ value: "19.99", currency: "USD" }, 1999],
    [{ value: "0.1", currency: "GBP" }, 10],
    [{ value: "1500", currency: "JPY" }, 1500],
    [{ value: "not a number", currency: "USD" }, 0],
  ])("eBay %j is %i minor units", (amount, minor) => expect(ebayAmountToMinor(amount)).toBe(minor));
});

describe("Etsy listing mapping", () => {
  const product = (id: number, qty: number, enabled: boolean, values: string[] = []) => ({
    product_id: id,
    sku: id === 3 ? "" : `MUG-${id}`,
    is_deleted: false,
    property_values: values.length ? [{ property_id: 1, property_name: "Size", value_ids: [1], values }] : [],
    offerings: [{ offering_id: id * 10, quantity: qty, is_enabled: enabled, is_deleted: false, price: { amount: 1000, divisor: 100, currency_code: "USD" } }],
  });

  it("turns every variation into one channel item keyed by listing and variation", () => {
    const listing = mapEtsyListing({ listing_id: 7, title: "Mug", state: "active", url: "https://etsy.com/listing/7", inventory: { products: [product(1, 4, true, ["S"]), product(2, 0, false, ["M"]), product(3, 2, true, ["L"])] } });
    expect(listing).toMatchObject({ externalId: "7", title: "Mug", state: "active", url: "https://etsy.com/listing/7" });
    expect(listing.items).toEqual([
      { externalId: "7:1=S", externalOfferId: "1", sku: "MUG-1", title: "Mug", variation: "Size: S", quantity: 4, enabled: true, listed: true },
      { externalId: "7:1=M", externalOfferId: "2", sku: "MUG-2", title: "Mug", variation: "Size: M", quantity: 0, enabled: false, listed: true },
      { externalId: "7:1=L", externalOfferId: "3", sku: null, title: "Mug", variation: "Size: L", quantity: 2, enabled: true, listed: true },
    ]);
  });

  it("reports an inactive listing's items as not sellable", () => {
    const listing = mapEtsyListing({ listing_id: 8, title: "Bowl", state: "inactive", inventory: { products: [product(1, 4, true)] } });
    expect(listing.items[0]).toMatchObject({ quantity: 0, enabled: false, listed: false, variation: null });
  });

  it("joins several properties", () => {
    expect(variationText({ property_values: [{ property_name: "Size", values: ["M"] }, { property_name: "Colour", values: ["Blue"] }] })).toBe("Size: M / Colour: Blue");
  });
});

describe("Etsy receipt mapping", () => {
  const receipt = (status: "paid" | "canceled" | "fully refunded" | "partially refunded") => ({
    receipt_id: 555,
    status,
    is_paid: status !== "canceled",
    name: "Ada Buyer",
    created_timestamp: 1_767_225_600,
    updated_timestamp: 1_767_229_200,
    grandtotal: { amount: 2650, divisor: 100, currency_code: "EUR" },
    transactions: [
      { transaction_id: 9001, listing_id: 7, product_id: 1, product_data: [{ property_id: 1, property_name: "Size", values: ["S"] }], sku: "MUG-1", title: "Mug", quantity: 2, price: { amount: 1200, divisor: 100, currency_code: "EUR" }, buyer_coupon: 0, shop_coupon: 0 },
      { transaction_id: 9002, listing_id: 8, product_id: null, sku: null, title: "Card", quantity: 1, price: { amount: 250, divisor: 100, currency_code: "EUR" }, buyer_coupon: 0, shop_coupon: 0 },
    ],
  });

  it("maps a paid receipt to an order with lines in minor units", () => {
    const order = mapEtsyReceipt(receipt("paid"));
    expect(order).toMatchObject({ externalId: "555", orderNumber: "555", status: "paid", paid: true, cancelled: false, currency: "EUR", totalMinor: 2650, buyerName: "Ada Buyer" });
    expect(order.placedAt.toISOString()).toBe("2026-01-01T00:00:00.000Z");
    expect(order.updatedAt.toISOString()).toBe("2026-01-01T01:00:00.000Z");
    expect(order.lines).toEqual([
      { externalLineId: "9001", externalItemId: "7:1=S", listingExternalId: "7", sku: "MUG-1", title: "Mug", quantity: 2, unitPriceMinor: 1200, currency: "EUR", cancelled: false },
      { externalLineId: "9002", externalItemId: "8", listingExternalId: "8", sku: null, title: "Card", quantity: 1, unitPriceMinor: 250, currency: "EUR", cancelled: false },
    ]);
  });

  it.each([
    ["canceled", true],
    ["fully refunded", true],
    ["partially refunded", false],
    ["paid", false],
  ] as const)("a %s receipt is cancelled: %s", (status, cancelled) => {
    const order = mapEtsyReceipt(receipt(status));
    expect(order.cancelled).toBe(cancelled);
    expect(order.lines.every((l) => l.cancelled === cancelled)).toBe(true);
  });
});

describe("eBay order mapping", () => {
  const order = (cancelState: string, payment = "PAID") => ({
    orderId: "12-34567-89012",
    creationDate: "2026-02-01T10:00:00.000Z",
    lastModifiedDate: "2026-02-01T11:00:00.000Z",
    orderFulfillmentStatus: "NOT_STARTED",
    orderPaymentStatus: payment,
    cancelStatus: { cancelState },
    buyer: { username: "buyer_1" },
    pricingSummary: { total: { value: "31.50", currency: "GBP" } },
    lineItems: [{ lineItemId: "L1", legacyItemId: "110011", sku: "TEE-M", title: "T-shirt", quantity: 3, lineItemCost: { value: "30.00", currency: "GBP" } }],
  });

  it("maps an order and its lines; the unit price is the line cost per unit", () => {
    expect(mapEbayOrder(order("NONE_REQUESTED"))).toEqual({
      externalId: "12-34567-89012",
      orderNumber: "12-34567-89012",
      status: "NOT_STARTED",
      paid: true,
      cancelled: false,
      placedAt: new Date("2026-02-01T10:00:00.000Z"),
      updatedAt: new Date("2026-02-01T11:00:00.000Z"),
      currency: "GBP",
      totalMinor: 3150,
      buyerName: "buyer_1",
      lines: [{ externalLineId: "L1", externalItemId: "TEE-M", listingExternalId: "110011", sku: "TEE-M", title: "T-shirt", quantity: 3, unitPriceMinor: 1000, currency: "GBP", cancelled: false }],
    });
  });

  it.each([
    ["CANCELED", "PAID", true],
    ["IN_PROGRESS", "PAID", false],
    ["NONE_REQUESTED", "FULLY_REFUNDED", true],
  ])("cancel state %s with payment %s is cancelled: %s", (cancelState, payment, cancelled) => {
    const mapped = mapEbayOrder(order(cancelState, payment));
    expect(mapped.cancelled).toBe(cancelled);
    expect(mapped.lines[0]?.cancelled).toBe(cancelled);
  });
});

describe("eBay inventory mapping", () => {
  it("reports the smaller of item and offer quantity, keyed by SKU", () => {
    const listing = mapEbayInventoryItem(
      { sku: "TEE-M", product: { title: "T-shirt" }, availability: { shipToLocationAvailability: { quantity: 9 } } },
      [{ offerId: "O-1", sku: "TEE-M", status: "PUBLISHED", availableQuantity: 4, listing: { listingId: "110011" } }],
    );
    expect(listing).toEqual({
      externalId: "110011",
      title: "T-shirt",
      state: "PUBLISHED",
      url: "https://www.ebay.com/itm/110011",
      items: [{ externalId: "TEE-M", externalOfferId: "O-1", sku: "TEE-M", title: "T-shirt", variation: null, quantity: 4, enabled: true, listed: true }],
    });
  });

  it("an item without a published offer is not sellable", () => {
    const listing = mapEbayInventoryItem({ sku: "DRAFT", availability: { shipToLocationAvailability: { quantity: 2 } } }, []);
    expect(listing.items[0]).toMatchObject({ externalOfferId: null, quantity: 2, enabled: false });
    expect(listing.externalId).toBe("sku:DRAFT");
  });

  it("batches quantity updates by 25 and sets both the item and every offer", () => {
    const requests = Array.from({ length: 60 }, (_, i) => ({
      request: { externalId: `SKU-${i}`, externalOfferId: null, listingExternalId: null, sku: `SKU-${i}`, quantity: i === 0 ? -2 : i },
      offerIds: [`O-${i}`, `P-${i}`],
    }));
    const batches = ebayPriceQuantityRequests(requests);
    expect(batches.map((b) => b.length)).toEqual([25, 25, 10]);
    expect(batches[0]?.[0]).toEqual({ sku: "SKU-0", shipToLocationAvailability: { quantity: 0 }, offers: [{ offerId: "O-0", availableQuantity: 0 }, { offerId: "P-0", availableQuantity: 0 }] });
    expect(batches[2]?.[9]).toEqual({ sku: "SKU-59", shipToLocationAvailability: { quantity: 59 }, offers: [{ offerId: "O-59", availableQuantity: 59 }, { offerId: "P-59", availableQuantity: 59 }] });
  });
});
