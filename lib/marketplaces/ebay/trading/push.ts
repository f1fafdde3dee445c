import { PushInterrupted, timedCall, type ApiSession, type PushObserver, type PushRequest, type PushResult } from "../../types";
import { zeroStockDecision, type ZeroStockContext } from "../zero-stock";
import { reviseInventoryStatus, type InventoryStatusRequest } from "./calls";
import { parseTradingKey } from "./keys";
import { errorText, type TradingErrorEntry } from "./xml";

// Quantities for Seller Hub listings go out with ReviseInventoryStatus, at most 4 items
// or variations a call (a variation by ItemID + SKU). Each call's results are yielded as
// they arrive, so a caller can record what was written before a later call fails.
// developer.ebay.com/devzone/xml/docs/reference/ebay/ReviseInventoryStatus.html

export const REVISE_LIMIT = 4;

type Planned = { request: PushRequest; status: InventoryStatusRequest; heldAtOne: boolean };

/** Splits requests into what can be sent and what is answered at once (no SKU on the variation, 0 not allowed). */
export function planTradingPush(items: PushRequest[], zero: ZeroStockContext): { send: Planned[]; refused: PushResult[] } {
  const send: Planned[] = [];
  const refused: PushResult[] = [];
  for (const request of items) {
    const key = parseTradingKey(request.externalId);
    if (!key) {
      refused.push({ externalId: request.externalId, ok: false, error: "This is not a Seller Hub listing; it is updated through eBay's Inventory API." });
      continue;
    }
    if (key.specifics !== null) {
      refused.push({ externalId: request.externalId, ok: false, error: "eBay updates a variation's quantity by its SKU, and this variation has none. Add a SKU to it in Seller Hub; Stockroom picks it up at the next sync." });
      continue;
    }
    const decision = zeroStockDecision(request.quantity, zero);
    if ("refuse" in decision) {
      refused.push({ externalId: request.externalId, ok: false, error: decision.refuse });
      continue;
    }
    send.push({ request, status: { itemId: key.itemId, ...(key.variationSku ? { sku: key.variationSku } : {}), quantity: decision.send }, heldAtOne: decision.heldAtOne === true });
  }
  return { send, refused };
}

// 291: "You are not allowed to revise ended listings."
const LISTING_ENDED = 291;
export const ENDED_MESSAGE = "This eBay listing has ended and cannot come back with a restock. Relist it on eBay; the relisted item is picked up at the next sync.";

/** The refusal that names this status (its item id or SKU), else the call's first error. */
function errorFor(status: InventoryStatusRequest, errors: TradingErrorEntry[]): string {
  const named = errors.find((e) => e.ErrorParameters.some((p) => p.Value === status.itemId || (status.sku !== undefined && p.Value === status.sku)));
  const e = named ?? errors.find((x) => x.SeverityCode === "Error");
  if (e?.ErrorCode === LISTING_ENDED) return ENDED_MESSAGE;
  return e ? errorText(e) : "eBay did not confirm this update; it will be retried.";
}

/** One ReviseInventoryStatus call per 4 items; yields each call's per-item results. */
export async function* reviseInBatches(session: ApiSession, planned: Planned[], observer: PushObserver = {}): AsyncGenerator<PushResult[]> {
  for (let i = 0; i < planned.length; i += REVISE_LIMIT) {
    const batch = planned.slice(i, i + REVISE_LIMIT);
    let sent;
    await observer.sending?.(batch.map((p) => p.request.externalId));
    try {
      sent = await timedCall(() => reviseInventoryStatus(session, batch.map((p) => p.status)));
    } catch (err) {
      throw new PushInterrupted([], batch.map((p) => p.request.externalId), err);
    }
    const answer = sent.value;
    yield batch.map(({ request, status, heldAtOne }) => {
      const done = answer.revised.some((r) => r.ItemID === status.itemId && (status.sku === undefined || r.SKU === status.sku));
      if (!done) return { externalId: request.externalId, ok: false, error: errorFor(status, answer.Errors) };
      return { externalId: request.externalId, ok: true, enabled: status.quantity > 0, written: sent.window, ...(heldAtOne ? { shows: 1 } : {}) };
    });
  }
}

/** Every request answered: refusals first, then each call's results. */
export async function pushTradingQuantities(session: ApiSession, items: PushRequest[], zero: ZeroStockContext, observer: PushObserver = {}): Promise<PushResult[]> {
  const { send, refused } = planTradingPush(items, zero);
  const results = [...refused];
  try {
    for await (const batch of reviseInBatches(session, send, observer)) results.push(...batch);
  } catch (err) {
    // The calls answered before the one that failed are written: keep their results.
    if (err instanceof PushInterrupted) throw new PushInterrupted([...results, ...err.results], err.inFlight, err.reason);
    throw err;
  }
  return results;
}
