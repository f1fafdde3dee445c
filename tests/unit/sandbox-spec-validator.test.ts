import { describe, expect, it } from "vitest";
import { specValidator } from "@/sandbox/spec-validator";

// The contract tests are only as good as this validator: prove it rejects what the spec forbids.

const etsy = specValidator("etsy", { closed: true });
const fulfillment = specValidator("ebay-fulfillment", { closed: true });

describe("spec validator", () => {
  it.each([
    ["a valid Money", "Money", { amount: 100, divisor: 100, currency_code: "USD" }, true],
    ["a field the spec does not list (closed)", "Money", { amount: 100, divisor: 100, currency_code: "USD", cents: 1 }, false],
    ["a wrong type", "Money", { amount: "100" }, false],
    ["null where the spec says nullable", "ShopListingFile", {}, true],
    ["null in a nullable integer", "TransactionVariations", { value_id: null }, true],
    ["null in a non-nullable integer", "TransactionVariations", { property_id: null }, false],
    ["a value outside an enum", "ShopReceipt", { status: "shipped" }, false],
    ["a valid enum value", "ShopReceipt", { status: "canceled" }, true],
  ])("%s", (_label, schema, value, ok) => {
    expect(etsy.validateComponent(schema, value).ok).toBe(ok);
  });

  it("follows $refs into components (a nested Money inside a receipt)", () => {
    expect(etsy.validateComponent("ShopReceipt", { grandtotal: { amount: "x" } }).ok).toBe(false);
    expect(fulfillment.validateComponent("Order", { lineItems: [{ quantity: "one" }] }).ok).toBe(false);
  });

  it("validates error bodies in each marketplace's shape", () => {
    expect(etsy.validateResponse("getMe", 401, { error: "invalid_token" }).ok).toBe(true);
    expect(etsy.validateResponse("getMe", 401, { message: "nope" }).ok).toBe(false);
    expect(fulfillment.validateResponse("getOrder", 404, { errors: [{ errorId: 32100, domain: "API_FULFILLMENT", category: "REQUEST", message: "x" }] }).ok).toBe(true);
    expect(fulfillment.validateResponse("getOrder", 404, { error: "x" }).ok).toBe(false);
  });

  it("coerces and checks query parameters", () => {
    const ok = etsy.validateRequest("getShopReceipts", { pathParams: { shop_id: "5" }, query: new URLSearchParams("limit=10&was_paid=true"), headers: {}, body: undefined });
    expect(ok).toMatchObject({ ok: true, path: { shop_id: 5 }, query: { limit: 10, was_paid: true } });
    expect(etsy.validateRequest("getShopReceipts", { pathParams: { shop_id: "5" }, query: new URLSearchParams("limit=0"), headers: {}, body: undefined }).ok).toBe(false);
    expect(etsy.validateRequest("getShopReceipts", { pathParams: { shop_id: "0" }, query: new URLSearchParams(), headers: {}, body: undefined }).ok).toBe(false);
  });
});
