import { describe, expect, it } from "vitest";
import { mapShopifyOrder, orderTruncated, type ShopifyOrderNode } from "@/lib/marketplaces/shopify/map-order";
import { mapShopifyVariant } from "@/lib/marketplaces/shopify/map-product";

// Shopify objects as Stockroom's listings and orders: when a line counts as cancelled (all of
// its units restocked), prices in minor units, what a variant shows at the managed location.

const money = (amount: string, currencyCode = "EUR") => ({ shopMoney: { amount, currencyCode: currencyCode as "EUR" } });
const line = (id: string, quantity: number) => ({ id, sku: ` ${id.toUpperCase()} `, title: "Mug", variantTitle: id === "b" ? "Large" : null, quantity, originalUnitPriceSet: money("12.50"), variant: { id: `gid://shopify/ProductVariant/${id}` }, product: { id: "gid://shopify/Product/1" } });
type RestockType = "CANCEL" | "RETURN" | "NO_RESTOCK" | "LEGACY_RESTOCK";
const refund = (lines: [string, number, RestockType][]) => ({ createdAt: "2026-11-30T10:00:00Z", refundLineItems: { nodes: lines.map(([id, quantity, restockType]) => ({ quantity, restockType, lineItem: { id } })), pageInfo: { hasNextPage: false } } });

const SHOP_FLOOR = "gid://shopify/Location/1";
const WAREHOUSE = "gid://shopify/Location/2";
const assigned = (...ids: string[]) => ({ nodes: ids.map((id) => ({ assignedLocation: { location: { id } } })) });

function order(over: Partial<ShopifyOrderNode> = {}): ShopifyOrderNode {
  return {
    id: "gid://shopify/Order/1",
    name: "#1001",
    createdAt: "2026-11-30T09:00:00Z",
    updatedAt: "2026-11-30T10:00:00Z",
    cancelledAt: null,
    displayFinancialStatus: "PAID",
    currencyCode: "EUR",
    totalPriceSet: money("37.50"),
    lineItems: { nodes: [line("a", 2), line("b", 1)], pageInfo: { hasNextPage: false } },
    refunds: [],
    fulfillmentOrders: { nodes: [{ assignedLocation: { location: { id: SHOP_FLOOR } } }] },
    ...over,
  };
}

describe("orders", () => {
  it("maps a paid order with prices in minor units", () => {
    const o = mapShopifyOrder(order(), SHOP_FLOOR);
    expect(o).toMatchObject({ externalId: "gid://shopify/Order/1", orderNumber: "#1001", paid: true, cancelled: false, totalMinor: 3750, currency: "EUR", buyerName: null });
    expect(o.lines.map((l) => [l.sku, l.title, l.quantity, l.unitPriceMinor, l.externalItemId])).toEqual([
      ["A", "Mug", 2, 1250, "gid://shopify/ProductVariant/a"],
      ["B", "Mug (Large)", 1, 1250, "gid://shopify/ProductVariant/b"],
    ]);
  });

  it.each<[string, ReturnType<typeof refund>[], string | null, boolean[], boolean]>([
    ["a refund without restock leaves the stock sold", [refund([["a", 2, "NO_RESTOCK"]])], null, [false, false], false],
    ["a return of the whole line puts it back", [refund([["a", 2, "RETURN"]])], null, [true, false], false],
    ["a partial return cannot cancel the line", [refund([["a", 1, "RETURN"]])], null, [false, false], false],
    ["two partial returns add up", [refund([["a", 1, "RETURN"]]), refund([["a", 1, "CANCEL"]])], null, [true, false], false],
    ["a cancellation that restocks everything cancels the order", [refund([["a", 2, "CANCEL"], ["b", 1, "CANCEL"]])], "2026-11-30T10:00:00Z", [true, true], true],
    ["a cancellation without restock is not a return of stock", [refund([["a", 2, "NO_RESTOCK"], ["b", 1, "NO_RESTOCK"]])], "2026-11-30T10:00:00Z", [false, false], false],
  ])("%s", (_name, refunds, cancelledAt, lines, cancelled) => {
    const o = mapShopifyOrder(order({ refunds, cancelledAt }), SHOP_FLOOR);
    expect(o.lines.map((l) => l.cancelled)).toEqual(lines);
    expect(o.cancelled).toBe(cancelled);
    if (cancelledAt) expect(o.status).toBe("cancelled");
  });

  it.each<[string, ReturnType<typeof assigned>, string | null, boolean]>([
    ["stock taken at the managed location", assigned(SHOP_FLOOR), SHOP_FLOOR, false],
    ["stock taken at another location only", assigned(WAREHOUSE), SHOP_FLOOR, true],
    ["split across both: the managed location's", assigned(WAREHOUSE, SHOP_FLOOR), SHOP_FLOOR, false],
    ["no fulfillment order (nothing to ship): counted", assigned(), SHOP_FLOOR, false],
    ["managed location unknown: counted", assigned(WAREHOUSE), null, false],
  ])("%s", (_name, fulfillmentOrders, managed, elsewhere) => {
    expect(mapShopifyOrder(order({ fulfillmentOrders }), managed).lines.map((l) => l.stockedElsewhere ?? false)).toEqual([elsewhere, elsewhere]);
  });

  it("a page's copy is completed when lines or refunds may be missing", () => {
    expect(orderTruncated(order(), 3)).toBe(false);
    expect(orderTruncated(order({ lineItems: { nodes: [], pageInfo: { hasNextPage: true } } }), 3)).toBe(true);
    expect(orderTruncated(order({ refunds: [refund([]), refund([]), refund([])] }), 3)).toBe(true);
  });
});

describe("variants", () => {
  const variant = (over: { tracked?: boolean; available?: number | null; title?: string; sku?: string | null } = {}) => ({
    id: "gid://shopify/ProductVariant/9",
    title: over.title ?? "Default Title",
    sku: over.sku === undefined ? "MUG" : over.sku,
    inventoryItem: {
      id: "gid://shopify/InventoryItem/7",
      tracked: over.tracked ?? true,
      inventoryLevel: over.available === null ? null : { quantities: [{ name: "available", quantity: over.available ?? 4 }] },
    },
  });
  const active = { title: "Mug", status: "ACTIVE" as const };

  it.each([
    ["tracked and stocked", variant(), { quantity: 4, enabled: true, listed: true, variation: null }],
    ["oversold (available below zero) shows none", variant({ available: -2 }), { quantity: 0, enabled: true }],
    ["not stocked at the managed location", variant({ available: null }), { quantity: 0, enabled: false }],
    ["inventory not tracked", variant({ tracked: false }), { enabled: false }],
    ["a named variant, no SKU", variant({ title: "Large", sku: "  " }), { variation: "Large", sku: null }],
  ])("%s", (_name, v, expected) => {
    expect(mapShopifyVariant(active, v)).toMatchObject({ externalId: "gid://shopify/ProductVariant/9", externalOfferId: "gid://shopify/InventoryItem/7", ...expected });
  });

  it("a draft product is off the shelf", () => {
    expect(mapShopifyVariant({ title: "Mug", status: "DRAFT" }, variant()).listed).toBe(false);
  });
});
