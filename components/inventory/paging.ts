/**
 * Pure: what the inventory table's Next and Previous buttons put in the URL.
 *
 * Next follows the keyset cursor of the page shown (`nextCursor`): a deep page then costs the
 * server what the first does, where `?page=n` alone makes it read and discard every row before
 * it. Keyset paging only walks forward, so the table remembers the cursor each page was reached
 * with (`known`) and Previous reuses it; a page reached some other way (a shared link) falls back
 * to its page number.
 */
export type PageParams = { page: string | null; after: string | null };

export function nextPage(page: number, nextCursor: string | null): PageParams {
  return { page: String(page + 1), after: nextCursor };
}

export function previousPage(page: number, known: ReadonlyMap<number, string>): PageParams {
  const target = page - 1;
  if (target <= 1) return { page: null, after: null };
  return { page: String(target), after: known.get(target) ?? null };
}

/** The query without its position: cursors are only valid for the same search, filter and sort. */
export function withoutPosition(params: URLSearchParams): string {
  const rest = new URLSearchParams(params);
  rest.delete("page");
  rest.delete("after");
  return rest.toString();
}
