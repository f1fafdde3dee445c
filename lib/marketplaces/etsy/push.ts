import { AppError, Invalid, NotFound } from "@/lib/errors";
import type { components } from "../generated/etsy-openapi-v3";
import { must } from "../session";
import { PushInterrupted, timedCall, type ApiSession, type CallWindow, type PushObserver, type PushRequest, type PushResult } from "../types";
import { etsyClient, type EtsyClient } from "./client";
import { planEtsyInventoryUpdate } from "./inventory-update";
import { mapEtsyListing } from "./map-listing";

type Listing = components["schemas"]["ShopListingWithAssociations"];
type Inventory = components["schemas"]["ListingInventory"];

// The batch inventory read takes up to 100 ids (openapi/etsy-openapi-v3.json). Fewer keep
// each read close to its write: 25 PUTs at 10/s is 2.5 s, for one extra call per 25 listings.
const BATCH = 25;

/**
 * Sets item quantities on Etsy, one updateListingInventory PUT per listing however many
 * of its products change. The PUT replaces the listing's whole inventory, so it is built
 * from a fresh read, not from our last import: prices, variations, processing profiles
 * and quantities the seller changed since then must survive. Listings are read 25 at a
 * time with their inventory; Etsy returns processing profiles (readiness_state_id) only
 * from shop-scoped or single-listing reads, so an active listing whose batch read lacks
 * them is read once more on its own (getListingInventory) rather than written without
 * them. A state change (selling a listing out, restocking it) adds a PATCH.
 */
export async function pushEtsyQuantities(session: ApiSession, items: PushRequest[], observer: PushObserver = {}): Promise<PushResult[]> {
  const client = etsyClient(session);
  const results: PushResult[] = [];
  const byListing = new Map<number, PushRequest[]>();
  for (const item of items) {
    if (!item.listingExternalId) {
      results.push({ externalId: item.externalId, ok: false, error: "This Etsy item is not attached to a listing. Run a listings sync first." });
      continue;
    }
    const id = Number(item.listingExternalId);
    byListing.set(id, [...(byListing.get(id) ?? []), item]);
  }
  const ids = [...byListing.keys()];
  let inFlight: string[] = [];
  try {
    for (let i = 0; i < ids.length; i += BATCH) {
      const chunk = ids.slice(i, i + BATCH);
      const fetched = await readListings(client, chunk);
      for (const id of chunk) {
        const listingItems = byListing.get(id) ?? [];
        try {
          const batchRead = fetched.get(id);
          if (!batchRead) throw new NotFound(`Etsy listing ${id} no longer exists (deleted on Etsy). Remove it from Stockroom or link its SKU to another listing.`);
          const read = needsProfiles(batchRead.value) ? await readInventory(client, batchRead.value) : batchRead;
          // Off the shelf (sold out, inactive) a read tells nothing about stock, as in a listings poll.
          for (const it of mapEtsyListing(read.value).items) if (it.listed) observer.read?.({ externalId: it.externalId, quantity: it.quantity, read: read.window });
          inFlight = listingItems.map((it) => it.externalId);
          results.push(...(await pushListing(client, session, read, listingItems, observer)));
          inFlight = [];
        } catch (err) {
          // A refusal for one listing must not stop the others; outages and auth problems do.
          if (!(err instanceof Invalid || err instanceof NotFound)) throw err;
          inFlight = [];
          const message = (err as AppError).message;
          for (const item of listingItems) results.push({ externalId: item.externalId, ok: false, error: message });
        }
      }
    }
  } catch (err) {
    throw new PushInterrupted(results, inFlight, err);
  }
  return results;
}

type Read = { value: Listing; window: CallWindow };

export const SOLD_OUT_MESSAGE =
  "Sold out on Etsy: selling it again renews the listing, which Etsy charges for. Renew it on Etsy, press Renew now, or allow renewal in Settings.";

/**
 * The listings with their inventories, by id. One unknown id makes Etsy answer 404 for
 * the whole batch: the batch is then halved until the deleted listings are isolated
 * (left out of the result), so the others are still pushed.
 */
async function readListings(client: EtsyClient, ids: number[]): Promise<Map<number, Read>> {
  try {
    const { value: page, window } = await timedCall(async () =>
      must(await client.GET("/v3/application/listings/batch/inventory", { params: { query: { listing_ids: ids } } }), "getListingsInventoryByListingIds"),
    );
    return new Map((page.results ?? []).filter((l) => l.listing_id !== undefined && l.inventory).map((l) => [l.listing_id as number, { value: l, window }]));
  } catch (err) {
    if (!(err instanceof NotFound) || ids.length === 1) {
      if (err instanceof NotFound) return new Map();
      throw err;
    }
    const half = Math.ceil(ids.length / 2);
    return new Map([...(await readListings(client, ids.slice(0, half))), ...(await readListings(client, ids.slice(half)))]);
  }
}

/** An active listing whose offerings came without their processing profile (Etsy leaves them null outside shop-scoped and single-listing reads). */
function needsProfiles(listing: Listing): boolean {
  if (listing.state !== "active") return false;
  return (listing.inventory?.products ?? []).some((p) => !p.is_deleted && (p.offerings ?? []).some((o) => !o.is_deleted && (o.readiness_state_id ?? null) === null));
}

async function readInventory(client: EtsyClient, listing: Listing): Promise<Read> {
  const listingId = listing.listing_id ?? 0;
  const { value: inventory, window } = await timedCall(async () =>
    must(await client.GET("/v3/application/listings/{listing_id}/inventory", { params: { path: { listing_id: listingId } } }), "getListingInventory"),
  );
  // The state came with the batch read, seconds earlier. An active Etsy listing cannot show
  // 0: if the inventory does, a sale sold it out in between (renewing it needs consent).
  const soldOut = listing.state === "active" && liveQuantity(inventory as Inventory) === 0;
  return { value: { ...listing, inventory: inventory as Inventory, ...(soldOut ? { state: "sold_out" } : {}) }, window };
}

function liveQuantity(inventory: Inventory): number {
  return (inventory.products ?? [])
    .filter((p) => !p.is_deleted)
    .flatMap((p) => p.offerings ?? [])
    .reduce((sum, o) => sum + (!o.is_deleted && o.is_enabled ? (o.quantity ?? 0) : 0), 0);
}

async function pushListing(client: EtsyClient, session: ApiSession, read: Read, items: PushRequest[], observer: PushObserver): Promise<PushResult[]> {
  const listing = read.value;
  const listingId = listing.listing_id ?? 0;
  if (!listing.inventory) throw new Invalid(`Etsy sent listing ${listingId} without its inventory.`);
  const plan = planEtsyInventoryUpdate({ listingId, state: listing.state ?? "active", inventory: listing.inventory }, new Map(items.map((i) => [i.externalId, i.quantity])));

  const setState = async (state: "active" | "inactive") =>
    client.PATCH("/v3/application/shops/{shop_id}/listings/{listing_id}", {
      params: { path: { shop_id: Number(session.externalId), listing_id: listingId } },
      body: { state },
      bodySerializer: () => new URLSearchParams({ state }),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });

  // A sold-out listing is renewed by activating it (Etsy then sets quantity 1 and charges a
  // listing fee), so only with the seller's consent; then activate first and write after.
  const activateFirst = plan.state === "active" && listing.state === "sold_out";
  if (activateFirst && !items.some((i) => i.mayRenew)) return items.map((item) => ({ externalId: item.externalId, ok: false, error: SOLD_OUT_MESSAGE }));
  const wrote = plan.body !== null || plan.state !== null;
  const targeted = new Set(items.map((i) => i.externalId));
  const rewritten = [...plan.shows].filter(([externalId]) => !targeted.has(externalId)).map(([externalId, quantity]) => ({ externalId, quantity }));
  if (wrote) await observer.sending?.(items.map((i) => i.externalId), rewritten);
  const { window } = await timedCall(async () => {
    if (activateFirst) await setState("active");
    if (plan.body) await client.PUT("/v3/application/listings/{listing_id}/inventory", { params: { path: { listing_id: listingId } }, body: plan.body });
    if (plan.state && !activateFirst) await setState(plan.state);
  });
  // Nothing written: the read is what the channel shows.
  const written = wrote ? window : read.window;
  // The PUT wrote every other product back as read, over any sale placed since the read.
  if (wrote) for (const r of rewritten) observer.rewrote?.({ ...r, written });

  return items.map((item) =>
    plan.missing.includes(item.externalId)
      ? { externalId: item.externalId, ok: false, error: "This variation no longer exists on the Etsy listing." }
      : { externalId: item.externalId, ok: true, enabled: plan.enabled.get(item.externalId) ?? false, written, shows: plan.shows.get(item.externalId) },
  );
}
