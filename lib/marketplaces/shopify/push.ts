import { randomUUID } from "node:crypto";
import type { InventoryAvailableQuery, InventoryAvailableQueryVariables, SetAvailableMutation, SetAvailableMutationVariables } from "../generated/shopify-admin-2026-04";
import { PushInterrupted, timedCall, type CallWindow, type PushObserver, type PushRequest, type PushResult } from "../types";
import { shopifyRequest, type ShopifyCall } from "./client";
import { availableOf } from "./map-product";
import { INVENTORY_AVAILABLE, SET_AVAILABLE } from "./operations";

// Pushing quantities to Shopify: read `available` at the managed location, then set it with
// inventorySetQuantities and compare-and-set (changeFromQuantity = what was just read).
//
// Why compare-and-set and not deltas (inventoryAdjustQuantities, which Shopify recommends to
// systems that are not the source of truth): the engine keeps the ledger exact by judging
// every read it is told about (observer.read) — a change on the channel that no sale explains
// becomes a channel-edit movement — and by anchoring each item to the absolute value a push
// confirms in its call window (lib/inventory/expectation.ts). A delta applied to whatever
// Shopify holds at write time would also keep a sale made between our read and our write, but
// it would fold an edit made in Shopify admin in that gap into our write unseen: no read ever
// shows it, so it is never recorded, and the next push erases it. Compare-and-set makes that
// gap visible: if anything changed since the read, Shopify refuses the whole mutation
// (CHANGE_FROM_QUANTITY_STALE), we read again and report that read (the engine judges it:
// a sale is explained once its order is imported, an edit becomes a movement), and write
// again with the target moved by what changed since the first read. So a Shopify sale between
// read and write is never overwritten: the channel ends at target minus that sale, which is
// what the ledger shows once the sale is imported; the result's `shows` tells the engine.

const BATCH = 50;
/** Compare-and-set tries per batch; a shop changing under every try is left for the next push. */
const MAX_TRIES = 3;

type Item = { req: PushRequest; inventoryItemId: string; seen: number; shift: number };

function key(items: Item[]): string[] {
  return items.map((i) => i.req.externalId);
}

async function readAvailable(call: ShopifyCall, locationId: string, items: Item[]) {
  const { value, window } = await timedCall(() =>
    shopifyRequest<InventoryAvailableQuery, InventoryAvailableQueryVariables>(call, "InventoryAvailable", INVENTORY_AVAILABLE, { ids: items.map((i) => i.inventoryItemId), locationId }),
  );
  const byId = new Map(value.nodes.flatMap((n) => (n && "id" in n && n.id ? [[n.id, n] as const] : [])));
  return { byId, window };
}

export async function pushShopifyQuantities(call: ShopifyCall, locationId: string, requests: PushRequest[], observer: PushObserver = {}): Promise<PushResult[]> {
  const results: PushResult[] = [];
  const ready: PushRequest[] = [];
  for (const req of requests) {
    if (!req.externalOfferId) results.push({ externalId: req.externalId, ok: false, error: "This Shopify variant has no inventory item on record. Run a listings sync first." });
    else ready.push(req);
  }
  let inFlight: string[] = [];
  try {
    for (let i = 0; i < ready.length; i += BATCH) {
      const batch = ready.slice(i, i + BATCH);
      results.push(...(await pushBatch(call, locationId, batch, observer, (ids) => (inFlight = ids))));
      inFlight = [];
    }
  } catch (err) {
    throw new PushInterrupted(results, inFlight, err);
  }
  return results;
}

async function pushBatch(call: ShopifyCall, locationId: string, batch: PushRequest[], observer: PushObserver, flying: (ids: string[]) => void): Promise<PushResult[]> {
  const results: PushResult[] = [];
  const first = await readAvailable(call, locationId, batch.map((req) => ({ req, inventoryItemId: req.externalOfferId as string, seen: 0, shift: 0 })));
  let live: Item[] = [];
  for (const req of batch) {
    const node = first.byId.get(req.externalOfferId as string);
    const available = node && "inventoryLevel" in node ? availableOf(node.inventoryLevel ?? null) : null;
    if (!node || !("tracked" in node)) results.push({ externalId: req.externalId, ok: false, error: "This variant no longer exists on Shopify (deleted in Shopify admin). Remove it from Stockroom or link its SKU again." });
    else if (!node.tracked) results.push({ externalId: req.externalId, ok: false, enabled: false, error: "Shopify does not track inventory for this variant. Turn on Track quantity in Shopify admin for Stockroom to keep it in step." });
    else if (available === null) results.push({ externalId: req.externalId, ok: false, enabled: false, error: "This variant is not stocked at the location Stockroom manages. Stock it there in Shopify admin, or choose another location." });
    else {
      observer.read?.({ externalId: req.externalId, quantity: available, read: first.window });
      live.push({ req, inventoryItemId: req.externalOfferId as string, seen: available, shift: 0 });
    }
  }
  let readWindow: CallWindow = first.window;
  for (let attempt = 0; live.length > 0; attempt++) {
    const target = (it: Item) => Math.max(0, it.req.quantity + it.shift);
    // Already showing what it should: the read is the confirmation, nothing to write.
    for (const it of live.filter((x) => x.seen === target(x))) results.push(done(it, readWindow));
    live = live.filter((x) => x.seen !== target(x));
    if (live.length === 0) break;
    if (attempt >= MAX_TRIES) {
      for (const it of live) results.push({ externalId: it.req.externalId, ok: false, error: `The quantity kept changing on Shopify during ${MAX_TRIES} tries; the next push tries again.` });
      break;
    }
    await observer.sending?.(key(live));
    flying(key(live));
    const { value, window } = await timedCall(() =>
      shopifyRequest<SetAvailableMutation, SetAvailableMutationVariables>(call, "SetAvailable", SET_AVAILABLE, {
        // A fresh key per compare-and-set try; the HTTP layer resends a try with its own key, so Shopify applies it once.
        idempotencyKey: randomUUID(),
        input: {
          name: "available",
          reason: "correction",
          referenceDocumentUri: "gid://stockroom/StockSync/push",
          quantities: live.map((it) => ({ inventoryItemId: it.inventoryItemId, locationId, quantity: target(it), changeFromQuantity: it.seen })),
        },
      }),
    );
    flying([]);
    const payload = value.inventorySetQuantities;
    const errors = payload?.userErrors ?? [];
    if (errors.length === 0 && payload?.inventoryAdjustmentGroup) {
      const after = new Map(payload.inventoryAdjustmentGroup.changes.flatMap((c) => (c.item ? [[c.item.id, c.quantityAfterChange] as const] : [])));
      for (const it of live) results.push(done(it, window, after.get(it.inventoryItemId) ?? target(it)));
      break;
    }
    if (errors.length === 0) {
      for (const it of live) results.push({ externalId: it.req.externalId, ok: false, error: "Shopify did not confirm the quantity; the next push tries again." });
      break;
    }
    // Refused as a whole: nothing was applied. Items named by an error other than a stale
    // compare fail; the others are read again and retried.
    const refusals = errors.filter((e) => e.code !== "CHANGE_FROM_QUANTITY_STALE");
    const general = refusals.find((e) => !Number.isInteger(Number(e.field?.[2])));
    if (general) {
      for (const it of live) results.push({ externalId: it.req.externalId, ok: false, error: `Shopify refused the quantities: ${general.message}` });
      break;
    }
    const failedAt = new Map(refusals.map((e) => [Number(e.field?.[2]), e.message] as const));
    for (const [index, message] of failedAt) {
      const it = live[index];
      if (it) results.push({ externalId: it.req.externalId, ok: false, error: `Shopify refused the quantity: ${message}` });
    }
    live = live.filter((_, index) => !failedAt.has(index));
    if (live.length === 0) break;
    const again = await readAvailable(call, locationId, live);
    readWindow = again.window;
    const still: Item[] = [];
    for (const it of live) {
      const node = again.byId.get(it.inventoryItemId);
      const available = node && "inventoryLevel" in node ? availableOf(node.inventoryLevel ?? null) : null;
      if (available === null) {
        results.push({ externalId: it.req.externalId, ok: false, error: "This variant stopped being stocked at the managed location while Stockroom wrote it." });
        continue;
      }
      observer.read?.({ externalId: it.req.externalId, quantity: available, read: again.window });
      // What changed on Shopify since the first read (a sale, an edit) is kept in what we write.
      still.push({ ...it, shift: it.shift + (available - it.seen), seen: available });
    }
    live = still;
  }
  return results;
}

function done(it: Item, written: CallWindow, shows?: number | null): PushResult {
  const now = shows ?? Math.max(0, it.req.quantity + it.shift);
  return { externalId: it.req.externalId, ok: true, enabled: true, written, ...(now !== it.req.quantity ? { shows: now } : {}) };
}
