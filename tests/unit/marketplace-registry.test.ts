import { describe, expect, it } from "vitest";
import { MARKETPLACES } from "@/db/schema";
import { connectableAccounts, MARKETPLACE_METAS, marketplaceMeta, marketplaceNames, marketplaceOptions, shopWithMarketplace } from "@/lib/marketplaces/meta";
import { adapterFor, MARKETPLACE_DESCRIPTORS, marketplaceDescriptor, webhookEndpoint } from "@/lib/marketplaces/registry";

describe("the channel registry", () => {
  it("has one descriptor and one meta per marketplace of the schema's enum, in its order, agreeing with each other", () => {
    expect(MARKETPLACE_DESCRIPTORS.map((d) => d.id)).toEqual([...MARKETPLACES]);
    expect(MARKETPLACE_METAS.map((m) => m.id)).toEqual([...MARKETPLACES]);
    for (const m of MARKETPLACES) {
      const { label, accountNoun, colour, buttonClass } = marketplaceDescriptor(m);
      expect({ label, accountNoun, colour, buttonClass }).toEqual({ label: marketplaceMeta(m).label, accountNoun: marketplaceMeta(m).accountNoun, colour: marketplaceMeta(m).colour, buttonClass: marketplaceMeta(m).buttonClass });
      expect(adapterFor(m).marketplace).toBe(m);
      expect(marketplaceDescriptor(m).rateBudget().appKey.startsWith(`${m}:`)).toBe(true);
    }
  });

  it("names every marketplace the way the pages say it", () => {
    expect(shopWithMarketplace({ name: "Kiln", marketplace: "ebay" })).toBe("Kiln (eBay)");
    expect(shopWithMarketplace({ name: "Northwind", marketplace: "shopify" })).toBe("Northwind (Shopify)");
    expect(marketplaceNames()).toBe("Etsy, eBay and Shopify");
    expect(connectableAccounts("or")).toBe("Etsy shops, eBay accounts or Shopify stores");
    expect(marketplaceOptions("All channels")).toEqual([
      { value: "", label: "All channels" },
      { value: "etsy", label: "Etsy" },
      { value: "ebay", label: "eBay" },
      { value: "shopify", label: "Shopify" },
    ]);
  });

  it("finds a notification endpoint by marketplace and path, and nothing elsewhere", () => {
    expect(webhookEndpoint("etsy", "")?.POST).toBeTypeOf("function");
    expect(webhookEndpoint("ebay", "")?.GET).toBeTypeOf("function");
    expect(webhookEndpoint("ebay", "platform")?.POST).toBeTypeOf("function");
    expect(webhookEndpoint("etsy", "platform")).toBeNull();
    expect(webhookEndpoint("ebay", "constructor")).toBeNull();
    expect(webhookEndpoint("shopify", "")?.POST).toBeTypeOf("function");
    expect(webhookEndpoint("shopify", "platform")).toBeNull();
  });
});
