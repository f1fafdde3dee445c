import type { Marketplace } from "@/db/schema/marketplace-ids";

/**
 * What the interface needs to name and show a marketplace. Client-safe (no server imports), so
 * client components read it too; the server side of a marketplace is its descriptor (./descriptor).
 */
export type MarketplaceMeta = {
  readonly id: Marketplace;
  /** How the marketplace spells its own name: "Etsy", "eBay". */
  readonly label: string;
  /** What a seller connects there: "shop", "account". */
  readonly accountNoun: string;
  /** Its series colour in charts. */
  readonly colour: string;
  /** Tailwind classes of its connect button (the marketplace's colour, white text). */
  readonly buttonClass: string;
  /** What disconnecting does on the marketplace's side, for the confirmation (Shopify: the app is removed from the store). */
  readonly disconnectNote?: string;
  /**
   * Marketplaces whose app is installed per store (Shopify) need the store's address before the
   * consent page: connecting starts with a one-field form instead of the redirect. Absent: none.
   */
  readonly accountAddress?: {
    /** The field's label: "Your Shopify store". */
    readonly label: string;
    /** Shown after the field: ".myshopify.com". */
    readonly suffix: string;
    /** A placeholder name: "northwind". */
    readonly example: string;
  };
};
