import type { Marketplace } from "@/db/schema";

export const MARKETPLACE_LABEL: Record<Marketplace, string> = { etsy: "Etsy", ebay: "eBay" };
