import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import type { Sandbox } from "./context";
import { newShopReadinessStates } from "./etsy/readiness";
import { emptyState, type SandboxState } from "./state";

// SANDBOX_DATA: the whole state as one JSON file, written (debounced) after changes so
// demo shops survive restarts. Writes go to a temp file first so a crash never leaves half a file.

export function loadState(file: string): SandboxState {
  if (!existsSync(file)) return emptyState();
  const parsed = JSON.parse(readFileSync(file, "utf8")) as Partial<SandboxState>;
  const state = withEtsy2026Fields({ ...emptyState(), ...parsed });
  // Files written before Seller Hub listings existed have none.
  state.ebay.tradingListings ??= {};
  return state;
}

/** Files written before Etsy's 2026 API lack processing profiles, renewals and receipt refunds: fill them in. */
function withEtsy2026Fields(state: SandboxState): SandboxState {
  const { shops, listings, receipts } = state.etsy;
  for (const shop of Object.values(shops)) {
    if (shop.readiness_states?.length) continue;
    shop.readiness_states = newShopReadinessStates(state);
    shop.default_readiness_state_id = shop.readiness_states[0].readiness_state_id;
  }
  for (const listing of Object.values(listings)) {
    listing.readiness_state_on_property ??= [];
    listing.renewals ??= 0;
    for (const p of listing.products) p.offering.readiness_state_id ??= shops[String(listing.shop_id)].default_readiness_state_id;
  }
  for (const receipt of Object.values(receipts)) {
    receipt.is_delivered ??= false;
    receipt.refunds ??= [];
  }
  return state;
}

export function persistTo(sb: Sandbox, file: string): { changed: () => void; flush: () => void } {
  let timer: NodeJS.Timeout | null = null;
  const write = () => {
    writeFileSync(`${file}.tmp`, JSON.stringify(sb.state));
    renameSync(`${file}.tmp`, file);
  };
  const flush = () => {
    if (!timer) return;
    clearTimeout(timer);
    timer = null;
    write();
  };
  process.once("exit", flush);
  return {
    changed: () => {
      if (!timer)
        timer = setTimeout(() => {
          timer = null;
          write();
        }, 200);
    },
    flush,
  };
}
