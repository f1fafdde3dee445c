import type { MarketplaceMeta } from "../meta-types";

export const etsyMeta: MarketplaceMeta = {
  id: "etsy",
  label: "Etsy",
  accountNoun: "shop",
  colour: "#ea580c",
  buttonClass: "bg-orange-700 hover:bg-orange-800",
};
