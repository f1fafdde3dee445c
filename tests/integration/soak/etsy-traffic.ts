import { etsyHandlers } from "@/sandbox/etsy/handlers";
import type { ApiHandler } from "@/sandbox/pipeline";

// When the in-process sandbox served each Etsy listing read and inventory write. Etsy has no
// conditional write: a push reads a listing, then PUTs its whole inventory, so a seller's edit
// that lands between that read and that write is overwritten before anyone can see it. Such an
// edit never happened as far as any reader can tell; the soak tells those apart from edits the
// engine had a chance to see (a read of the listing came after the edit).

type Seen = { listingId: number; at: number };
const READS = ["getListingsByShop", "getListingsByListingIds", "getListing"] as const;

export function watchEtsyTraffic() {
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
  for (const op of READS)
    wrap(op, (res) => {
      const body = res.json as { listing_id?: number; results?: { listing_id?: number }[] };
      const ids = body.results ? body.results.map((l) => l.listing_id) : [body.listing_id];
      for (const id of ids) if (id !== undefined) reads.push({ listingId: id, at: Date.now() });
    });
  wrap("updateListingInventory", (_res, call) => {
    const id = /\/listings\/(\d+)\/inventory$/.exec(call.req.path)?.[1];
    if (id) writes.push({ listingId: Number(id), at: Date.now() });
  });

  return {
    writes,
    /** The write that erased an edit made at `at` before any read could see it, or null. */
    overwrittenUnseen(listingId: number, at: number): { afterMs: number; readBeforeMs: number | null } | null {
      const write = writes.find((w) => w.listingId === listingId && w.at >= at);
      if (!write) return null;
      if (reads.some((r) => r.listingId === listingId && r.at >= at && r.at <= write.at)) return null;
      const before = reads.filter((r) => r.listingId === listingId && r.at < at).at(-1);
      return { afterMs: write.at - at, readBeforeMs: before ? at - before.at : null };
    },
    /** Whether any reader could have seen the listing between two moments. */
    readBetween(listingId: number, from: number, to: number): boolean {
      return reads.some((r) => r.listingId === listingId && r.at > from && r.at < to);
    },
    restore() {
      for (const [op, h] of originals) etsyHandlers[op] = h;
    },
  };
}
