import type { components } from "@/lib/marketplaces/generated/etsy-openapi-v3";
import type { SeedReadiness } from "../seed-data";
import { nextId, type EtsyListing, type EtsyReadinessState, type EtsyShop, type SandboxState } from "../state";

// Processing profiles (Etsy 2026 calls them readiness states): every offering carries the id
// of one of its shop's profiles, and `readiness_state_on_property` names the property whose
// values choose it. developers.etsy.com/documentation/tutorials/migration

type S = components["schemas"];

/** Every new shop gets a "ready to ship" profile (its default) and a "made to order" one. */
export function newShopReadinessStates(state: SandboxState): EtsyReadinessState[] {
  return [
    { readiness_state_id: nextId(state, "etsyReadinessState"), readiness_state: "ready_to_ship", min_processing_days: 1, max_processing_days: 2 },
    { readiness_state_id: nextId(state, "etsyReadinessState"), readiness_state: "made_to_order", min_processing_days: 5, max_processing_days: 10 },
  ];
}

export function isShopReadinessState(shop: EtsyShop, id: number): boolean {
  return shop.readiness_states.some((r) => r.readiness_state_id === id);
}

export const hasReadinessChoice = (choice: SeedReadiness): boolean => choice.readiness_state_id !== undefined || choice.readiness_state !== undefined;

/** The shop's profile id for a control-API choice (`fallback` when none is made), or why there is none. */
export function resolveReadiness(shop: EtsyShop, choice: SeedReadiness, fallback: number): { id: number } | { error: string } {
  if (choice.readiness_state_id !== undefined) {
    return isShopReadinessState(shop, choice.readiness_state_id)
      ? { id: choice.readiness_state_id }
      : { error: `readiness_state_id ${choice.readiness_state_id} is not a processing profile of shop ${shop.shop_id}.` };
  }
  if (choice.readiness_state !== undefined) {
    const found = shop.readiness_states.find((r) => r.readiness_state === choice.readiness_state);
    return found ? { id: found.readiness_state_id } : { error: `Shop ${shop.shop_id} has no ${choice.readiness_state} profile.` };
  }
  return { id: fallback };
}

/** The listing-level id Etsy shows on ShopListing: its first live product's profile. */
export function listingReadinessStateId(listing: EtsyListing): number | null {
  return listing.products.find((p) => !p.is_deleted)?.offering.readiness_state_id ?? null;
}

export function presentReadinessState(shop: EtsyShop, r: EtsyReadinessState): Required<S["ShopProcessingProfile"]> {
  return {
    shop_id: shop.shop_id,
    readiness_state_id: r.readiness_state_id,
    readiness_state: r.readiness_state,
    min_processing_days: r.min_processing_days,
    max_processing_days: r.max_processing_days,
    processing_days_display_label: `${r.min_processing_days} - ${r.max_processing_days} days`,
  };
}
