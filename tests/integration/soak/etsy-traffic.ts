import { etsyHandlers } from "@/sandbox/etsy/handlers";
import type { ApiHandler } from "@/sandbox/pipeline";

// When the in-process sandbox served each Etsy listing read and inventory write. Etsy has no
// conditional write: a push reads a listing, then PUTs its whole inventory, so a seller's edit
// that lands between that read and that write is overwritten before anyone can see it. Such an
// edit never happened as far as any reader can tell; the soak tells those apart from edits the
// engine had a chance to see (a read of the listing came after the edit).

/** `quantities`: what the listing held per SKU right after the call (the handler runs synchronously, so a read returned exactly this). */
type Seen = { listingId: number; at: number; op: string; quantities: Record<string, number>; state: string };
const READS = ["getListingsByShop", "getListingsByListingIds", "getListingsInventoryByListingIds", "getListing", "getListingInventory"] as const;

/** `onWrite` runs as soon as an inventory write has landed, before its answer leaves (the soak kills the engine there). */
export function watchEtsyTraffic(onWrite: () => void) {
  const reads: Seen[] = [];
  const writes: Seen[] = [];
  const originals = new Map<string, ApiHandler>();
  const wrap = (op: string, record: (res: ReturnType<ApiHandler>, call: Parameters<ApiHandler>[0]) => void) => {
    const original = etsyHandlers[op];
    originals.set(op, original);
    etsyHandlers[op] = (call) => {
      const res = original(call);
      if (res.status < 300) record(res, call);
      return res;
    };
  };
  const pathId = (call: Parameters<ApiHandler>[0]) => Number(/\/listings\/(\d+)(\/inventory)?$/.exec(call.req.path)?.[1] ?? Number.NaN);
  const seen = (call: Parameters<ApiHandler>[0], op: string, listingId: number): Seen => {
    const listing = call.sb.state.etsy.listings[String(listingId)];
    const quantities: Record<string, number> = {};
    for (const p of listing?.products ?? []) if (!p.is_deleted) quantities[p.sku] = p.offering.is_enabled && !p.offering.is_deleted ? p.offering.quantity : 0;
    return { listingId, at: Date.now(), op, quantities, state: listing?.state ?? "gone" };
  };
  for (const op of READS)
    wrap(op, (res, call) => {
      const body = res.json as { results?: { listing_id?: number }[] };
      const ids = body.results ? body.results.map((l) => l.listing_id) : [pathId(call)];
      for (const id of ids) if (id !== undefined && !Number.isNaN(id)) reads.push(seen(call, op, id));
    });
  wrap("updateListingInventory", (_res, call) => {
    writes.push(seen(call, "updateListingInventory", pathId(call)));
    onWrite();
  });

  // The push's batch read is never what Stockroom judges: active listings lack their processing
  // profiles there, so the push reads each one again on its own (and off-shelf reads infer nothing).
  const judged = () => reads.filter((r) => r.op !== "getListingsInventoryByListingIds");
  return {
    writes,
    reads,
    /** The write that erased an edit made at `at` before any read could see it, or null. */
    overwrittenUnseen(listingId: number, at: number): { afterMs: number; readBeforeMs: number | null } | null {
      const write = writes.find((w) => w.listingId === listingId && w.at >= at);
      if (!write) return null;
      if (judged().some((r) => r.listingId === listingId && r.at >= at && r.at <= write.at)) return null;
      const before = judged().filter((r) => r.listingId === listingId && r.at < at).at(-1);
      return { afterMs: write.at - at, readBeforeMs: before ? at - before.at : null };
    },
    /** Whether any reader could have seen the listing between two moments. */
    readBetween(listingId: number, from: number, to: number): boolean {
      return judged().some((r) => r.listingId === listingId && r.at > from && r.at < to);
    },
    restore() {
      for (const [op, h] of originals) etsyHandlers[op] = h;
    },
  };
}
