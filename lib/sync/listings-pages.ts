import type { MarketplaceConnection } from "@/db/schema";
import { importListings } from "@/lib/inventory/linking";
import { timedCall, type ApiSession, type ListingWithItems, type MarketplaceAdapter, type Page } from "@/lib/marketplaces/types";
import { recordProgress } from "./runs";

/** How long one step reads and imports listings pages before it returns: a retry repeats at most this much. */
export const LISTINGS_STEP_BUDGET_MS = 10_000;

export type ListingsPagesResult = { next: string | null; productIds: string[]; observations: number; created: number };

type Fetched = { value: Page<ListingWithItems>; window: { from: Date; to: Date } };

/**
 * Listings pages from `cursor` on, each fetched while the page before it is imported. A fetch
 * waits on the marketplace's rate limit and an import on the database: overlapped, a page costs
 * the longer of the two instead of their sum (a 200-listing eBay page: 50 ms of rate limit, about
 * 110 ms of writes).
 *
 * The step ends once `budgetMs` is spent, so a crash or retry repeats a few pages, not the shop.
 * A fetch that fails after a page was imported ends the step early: the next step retries that
 * page alone, with its own retries, and no imported page is read twice.
 */
export async function importListingsPages(
  conn: MarketplaceConnection,
  adapter: Pick<MarketplaceAdapter, "fetchListings">,
  counted: { session: ApiSession; calls: () => number },
  runId: string,
  cursor: string | null,
  budgetMs = LISTINGS_STEP_BUDGET_MS,
): Promise<ListingsPagesResult> {
  const started = Date.now();
  const out: ListingsPagesResult = { next: cursor, productIds: [], observations: 0, created: 0 };
  let reported = 0;
  const newCalls = () => {
    const n = counted.calls() - reported;
    reported += n;
    return n;
  };
  const fetchPage = (c: string | null) => {
    const p = timedCall(() => adapter.fetchListings(counted.session, c));
    // Awaited on the next turn of the loop; until then a rejection must not count as unhandled.
    p.catch(() => {});
    return p;
  };
  let fetching: Promise<Fetched> | null = fetchPage(cursor);
  let pages = 0;
  try {
    while (fetching) {
      let fetched: Fetched;
      try {
        fetched = await fetching;
      } catch (err) {
        if (pages === 0) throw err;
        break;
      }
      const { value: data, window } = fetched;
      fetching = data.nextCursor !== null && Date.now() - started < budgetMs ? fetchPage(data.nextCursor) : null;
      const counts = await importListings(conn, data.items, { fetchedAt: window.from, readTo: window.to });
      await recordProgress(runId, { seen: counts.seen, created: counts.created, updated: counts.updated, errors: counts.errors, apiCalls: newCalls(), total: data.total });
      out.next = data.nextCursor;
      out.productIds.push(...counts.productIds);
      out.observations += counts.observations;
      out.created += counts.created;
      pages++;
    }
  } catch (err) {
    // The call of a fetch still in flight is spent either way: count it.
    await fetching?.catch(() => {});
    await recordProgress(runId, { apiCalls: newCalls() });
    throw err;
  }
  // A fetch that failed after a page was imported was still a call.
  if (counted.calls() > reported) await recordProgress(runId, { apiCalls: newCalls() });
  return out;
}
