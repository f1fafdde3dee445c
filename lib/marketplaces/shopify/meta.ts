import type { MarketplaceMeta } from "../meta-types";
import { SHOPIFY_LABEL } from "./version";

export const shopifyMeta: MarketplaceMeta = {
  id: "shopify",
  label: SHOPIFY_LABEL,
  // Shopify's own word for what a merchant runs (Etsy: shop, eBay: account).
  accountNoun: "store",
  colour: "#15803d",
  // Shopify's green; the darker shade keeps white text above 4.5:1 (WCAG AA).
  buttonClass: "bg-green-700 hover:bg-green-800",
  disconnectNote: "Stockroom's app is also removed from the store in Shopify; connecting again installs it again.",
  // The app is installed per store: its consent page lives on the store's own domain.
  accountAddress: { label: "Your Shopify store", suffix: ".myshopify.com", example: "northwind" },
};
