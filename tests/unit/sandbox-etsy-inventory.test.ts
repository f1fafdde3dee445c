import { describe, expect, it } from "vitest";
import { inventoryUpdateError, type InventoryUpdate } from "@/sandbox/etsy/inventory";

// updateListingInventory's whole-array rules, as Etsy applies them.

const size = (v: string, id = 1) => ({ property_id: 100, property_name: "Size", value_ids: [id], values: [v] });
const product = (sku: string, quantity: number, price = 10, extra: Partial<InventoryUpdate["products"][number]> = {}) => ({
  sku,
  property_values: [size(sku)],
  offerings: [{ price, quantity, is_enabled: true }],
  ...extra,
});

describe("inventoryUpdateError", () => {
  it.each<[string, InventoryUpdate, string | null]>([
    ["a valid two-product update", { products: [product("S", 1), product("M", 2)], quantity_on_property: [100], sku_on_property: [100] }, null],
    ["no products", { products: [] }, "Missing Input Parameter: [products]"],
    ["all quantities zero", { products: [product("S", 0), product("M", 0)], sku_on_property: [100] }, "One offering must have quantity greater than 0"],
    ["the only stock on a disabled offering", { products: [{ ...product("S", 0), offerings: [{ price: 10, quantity: 5, is_enabled: false }] }] }, "One offering must have quantity greater than 0"],
    ["different quantities without quantity_on_property", { products: [product("S", 1), product("M", 2)], sku_on_property: [100] }, "Products have different quantities but quantity_on_property is empty."],
    ["different prices without price_on_property", { products: [product("S", 1, 10), product("M", 1, 12)], sku_on_property: [100] }, "Products have different prices but price_on_property is empty."],
    ["two offerings on one product", { products: [{ ...product("S", 1), offerings: [{ price: 1, quantity: 1, is_enabled: true }, { price: 1, quantity: 1, is_enabled: true }] }] }, "products[0] must have exactly one offering."],
    ["a price below Etsy's minimum", { products: [product("S", 1, 0.1)] }, "Offering price must be between 0.20 and 50000."],
    ["a quantity above 999", { products: [product("S", 1000)] }, "Offering quantity must be between 0 and 999."],
    ["duplicate property values", { products: [product("S", 1), product("S", 1)] }, "Duplicate product: products[1] has the same property values as another product."],
    ["on_property naming an unused property", { products: [product("S", 1)], price_on_property: [200] }, "price_on_property contains 200, which is not a property of these products."],
  ])("%s", (_label, update, expected) => {
    expect(inventoryUpdateError(update, update)).toBe(expected);
  });

  it("refuses read-only fields copied from the GET shape", () => {
    const raw = { products: [{ ...product("S", 1), product_id: 5 }] };
    expect(inventoryUpdateError(raw, raw as InventoryUpdate)).toContain("product_id is read-only");
    const raw2 = { products: [{ ...product("S", 1), offerings: [{ price: 10, quantity: 1, is_enabled: true, offering_id: 9 }] }] };
    expect(inventoryUpdateError(raw2, raw2 as InventoryUpdate)).toContain("offering_id is read-only");
  });
});
