import { describe, expect, it } from "vitest";
import type { components } from "@/lib/marketplaces/generated/etsy-openapi-v3";
import { planEtsyInventoryUpdate } from "@/lib/marketplaces/etsy/inventory-update";

type Inventory = components["schemas"]["ListingInventory"];

function inventory(products: { id: number; qty: number; enabled?: boolean; deleted?: boolean }[]): Inventory {
  return {
    products: products.map((p) => ({
      product_id: p.id,
      sku: `SKU-${p.id}`,
      is_deleted: p.deleted ?? false,
      property_values: [{ property_id: 100, property_name: "Size", scale_id: null, value_ids: [p.id], values: [`V${p.id}`] }],
      // Each variation on its own processing profile ("ready to ship" 500 + id).
      offerings: [{ offering_id: p.id * 10, quantity: p.qty, is_enabled: p.enabled ?? true, is_deleted: false, price: { amount: 1250, divisor: 100, currency_code: "USD" }, readiness_state_id: 500 + p.id }],
    })),
    price_on_property: [],
    quantity_on_property: [100],
    sku_on_property: [100],
    readiness_state_on_property: [100],
  };
}

/** The stable item key of fixture product `id` on listing 7 (its one property value is `V{id}`). */
const key = (id: string) => `7:100=V${id}`;

const offerings = (plan: ReturnType<typeof planEtsyInventoryUpdate>) =>
  plan.body?.products.map((p) => ({ sku: p.sku, quantity: p.offerings[0]?.quantity, enabled: p.offerings[0]?.is_enabled }));

describe("Etsy inventory update plan", () => {
  it.each([
    {
      name: "changes only the targeted variation and writes every product back",
      state: "active",
      products: [{ id: 1, qty: 5 }, { id: 2, qty: 3 }],
      targets: [["1", 4]],
      expected: [{ sku: "SKU-1", quantity: 4, enabled: true }, { sku: "SKU-2", quantity: 3, enabled: true }],
      stateChange: null,
      enabled: { "1": true },
    },
    {
      name: "disables a variation that sells out while others still sell",
      state: "active",
      products: [{ id: 1, qty: 5 }, { id: 2, qty: 3 }],
      targets: [["1", 0]],
      expected: [{ sku: "SKU-1", quantity: 0, enabled: false }, { sku: "SKU-2", quantity: 3, enabled: true }],
      stateChange: null,
      enabled: { "1": false },
    },
    {
      name: "re-enables a restocked variation",
      state: "active",
      products: [{ id: 1, qty: 0, enabled: false }, { id: 2, qty: 3 }],
      targets: [["1", 2]],
      expected: [{ sku: "SKU-1", quantity: 2, enabled: true }, { sku: "SKU-2", quantity: 3, enabled: true }],
      stateChange: null,
      enabled: { "1": true },
    },
    {
      name: "deactivates the listing instead of writing an inventory with nothing to sell",
      state: "active",
      products: [{ id: 1, qty: 1 }, { id: 2, qty: 0, enabled: false }],
      targets: [["1", 0]],
      expected: undefined,
      stateChange: "inactive",
      enabled: { "1": false },
    },
    {
      name: "reactivates an inactive listing on restock, without reviving stale quantities of other variations",
      state: "inactive",
      products: [{ id: 1, qty: 1 }, { id: 2, qty: 7 }],
      targets: [["1", 6]],
      expected: [{ sku: "SKU-1", quantity: 6, enabled: true }, { sku: "SKU-2", quantity: 0, enabled: false }],
      stateChange: "active",
      enabled: { "1": true },
    },
    {
      name: "leaves an inactive listing alone when it stays at zero",
      state: "inactive",
      products: [{ id: 1, qty: 1 }],
      targets: [["1", 0]],
      expected: undefined,
      stateChange: null,
      enabled: { "1": false },
    },
    {
      name: "writes nothing when the quantities already match",
      state: "active",
      products: [{ id: 1, qty: 5 }],
      targets: [["1", 5]],
      expected: undefined,
      stateChange: null,
      enabled: { "1": true },
    },
  ] as const)("$name", ({ state, products, targets, expected, stateChange, enabled }) => {
    const plan = planEtsyInventoryUpdate({ listingId: 7, state, inventory: inventory([...products]) }, new Map(targets.map(([id, q]) => [key(id), q])));
    expect(offerings(plan)).toEqual(expected);
    expect(plan.state).toBe(stateChange);
    expect(Object.fromEntries(plan.enabled)).toEqual(Object.fromEntries(Object.entries(enabled).map(([id, v]) => [key(id), v])));
  });

  it("sends the PUT shape: decimal price, no product_id, offering_id or is_deleted, deleted products dropped", () => {
    const plan = planEtsyInventoryUpdate({ listingId: 7, state: "active", inventory: inventory([{ id: 1, qty: 5 }, { id: 2, qty: 1, deleted: true }]) }, new Map([[key("1"), 2]]));
    expect(plan.body).toEqual({
      products: [
        {
          sku: "SKU-1",
          property_values: [{ property_id: 100, property_name: "Size", scale_id: null, value_ids: [1], values: ["V1"] }],
          offerings: [{ price: 12.5, quantity: 2, is_enabled: true, readiness_state_id: 501 }],
        },
      ],
      price_on_property: [],
      quantity_on_property: [100],
      sku_on_property: [100],
      readiness_state_on_property: [100],
    });
    expect(JSON.stringify(plan.body)).not.toMatch(/product_id|offering_id|is_deleted/);
  });

  it("writes every variation's processing profile back as read, and never invents one", () => {
    const plan = planEtsyInventoryUpdate({ listingId: 7, state: "active", inventory: inventory([{ id: 1, qty: 5 }, { id: 2, qty: 3 }]) }, new Map([[key("1"), 4]]));
    expect(plan.body?.products.map((p) => p.offerings[0]?.readiness_state_id)).toEqual([501, 502]);
    expect(plan.body?.readiness_state_on_property).toEqual([100]);
    const unread = inventory([{ id: 1, qty: 5 }]);
    const noProfile = { ...unread, products: unread.products?.map((p) => ({ ...p, offerings: p.offerings?.map((o) => ({ ...o, readiness_state_id: null })) })) };
    const plain = planEtsyInventoryUpdate({ listingId: 7, state: "inactive", inventory: noProfile }, new Map([[key("1"), 4]]));
    expect(plain.body?.products[0]?.offerings[0]?.readiness_state_id).toBeNull();
  });

  it("names the varying property in quantity_on_property when quantities start to differ", () => {
    const inv = { ...inventory([{ id: 1, qty: 2 }, { id: 2, qty: 2 }]), quantity_on_property: [] };
    const plan = planEtsyInventoryUpdate({ listingId: 7, state: "active", inventory: inv }, new Map([[key("1"), 5]]));
    expect(plan.body?.quantity_on_property).toEqual([100]);
    const same = planEtsyInventoryUpdate({ listingId: 7, state: "active", inventory: inv }, new Map([[key("1"), 3], [key("2"), 3]]));
    expect(same.body?.quantity_on_property).toEqual([]);
  });

  it("keys items by listing and property values, not by Etsy's changing product_id", () => {
    const before = inventory([{ id: 1, qty: 5 }]);
    const after = { ...before, products: before.products?.map((p) => ({ ...p, product_id: 999 })) };
    const target = new Map([[key("1"), 2]]);
    expect(offerings(planEtsyInventoryUpdate({ listingId: 7, state: "active", inventory: after }, target))).toEqual(offerings(planEtsyInventoryUpdate({ listingId: 7, state: "active", inventory: before }, target)));
  });

  it("reports targeted variations that no longer exist", () => {
    const plan = planEtsyInventoryUpdate({ listingId: 7, state: "active", inventory: inventory([{ id: 1, qty: 5 }]) }, new Map([[key("1"), 3], [key("99"), 1]]));
    expect(plan.missing).toEqual([key("99")]);
  });
});
