import type { MarketplaceMeta } from "../meta-types";

export const ebayMeta: MarketplaceMeta = {
  id: "ebay",
  label: "eBay",
  accountNoun: "account",
  colour: "#2563eb",
  buttonClass: "bg-blue-600 hover:bg-blue-700",
};
