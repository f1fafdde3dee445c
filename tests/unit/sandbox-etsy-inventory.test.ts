import { describe, expect, it } from "vitest";
import { inventoryUpdateError, type InventoryUpdate } from "@/sandbox/etsy/inventory";

// updateListingInventory's whole-array rules, as Etsy applies them.

const READY = 11;
const MADE = 12;
const profiles = [READY, MADE];
const size = (v: string, id = 1) => ({ property_id: 100, property_name: "Size", value_ids: [id], values: [v] });
const product = (sku: string, quantity: number, price = 10, readiness: number | null = READY) => ({
  sku,
  property_values: [size(sku)],
  offerings: [{ price, quantity, is_enabled: true, readiness_state_id: readiness }],
});
const offering = (price: number, quantity: number, is_enabled = true) => ({ price, quantity, is_enabled, readiness_state_id: READY });

describe("inventoryUpdateError", () => {
  it.each<[string, InventoryUpdate, string | null]>([
    ["a valid two-product update", { products: [product("S", 1), product("M", 2)], quantity_on_property: [100], sku_on_property: [100] }, null],
    ["no products", { products: [] }, "Missing Input Parameter: [products]"],
    ["all quantities zero", { products: [product("S", 0), product("M", 0)], sku_on_property: [100] }, "One offering must have quantity greater than 0"],
    ["the only stock on a disabled offering", { products: [{ ...product("S", 0), offerings: [offering(10, 5, false)] }] }, "One offering must have quantity greater than 0"],
    ["different quantities without quantity_on_property", { products: [product("S", 1), product("M", 2)], sku_on_property: [100] }, "Products have different quantities but quantity_on_property is empty."],
    ["different prices without price_on_property", { products: [product("S", 1, 10), product("M", 1, 12)], sku_on_property: [100] }, "Products have different prices but price_on_property is empty."],
    ["two offerings on one product", { products: [{ ...product("S", 1), offerings: [offering(1, 1), offering(1, 1)] }] }, "products[0] must have exactly one offering."],
    ["a price below Etsy's minimum", { products: [product("S", 1, 0.1)] }, "Offering price must be between 0.20 and 50000."],
    ["a quantity above 999", { products: [product("S", 1000)] }, "Offering quantity must be between 0 and 999."],
    ["duplicate property values", { products: [product("S", 1), product("S", 1)] }, "Duplicate product: products[1] has the same property values as another product."],
    ["on_property naming an unused property", { products: [product("S", 1)], price_on_property: [200] }, "price_on_property contains 200, which is not a property of these products."],
    ["profiles varying by size", { products: [product("S", 1, 10, READY), product("M", 1, 10, MADE)], sku_on_property: [100], readiness_state_on_property: [100] }, null],
    ["a null profile (reset to the shop's default)", { products: [product("S", 1, 10, null)] }, null],
    ["different profiles without readiness_state_on_property", { products: [product("S", 1, 10, READY), product("M", 1, 10, MADE)], sku_on_property: [100] }, "Products have different processing profiles but readiness_state_on_property is empty."],
    ["a profile of another shop", { products: [product("S", 1, 10, 99)] }, "Invalid readiness_state_id 99: it is not a processing profile of this shop."],
    ["readiness_state_on_property naming an unused property", { products: [product("S", 1)], readiness_state_on_property: [200] }, "readiness_state_on_property contains 200, which is not a property of these products."],
  ])("%s", (_label, update, expected) => {
    expect(inventoryUpdateError(update, update, profiles)).toBe(expected);
  });

  it("an offering without readiness_state_id is refused, naming the field", () => {
    const raw = { products: [{ sku: "S", property_values: [size("S")], offerings: [{ price: 10, quantity: 1, is_enabled: true }] }] };
    expect(inventoryUpdateError(raw, raw as unknown as InventoryUpdate, profiles)).toBe("Missing required parameter: readiness_state_id");
  });

  it("refuses read-only fields copied from the GET shape", () => {
    const raw = { products: [{ ...product("S", 1), product_id: 5 }] };
    expect(inventoryUpdateError(raw, raw as InventoryUpdate, profiles)).toContain("product_id is read-only");
    const raw2 = { products: [{ ...product("S", 1), offerings: [{ ...offering(10, 1), offering_id: 9 }] }] };
    expect(inventoryUpdateError(raw2, raw2 as InventoryUpdate, profiles)).toContain("offering_id is read-only");
  });
});
