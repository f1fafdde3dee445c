// Relay connections as the Admin API pages them: `first`/`after` (or `last`/`before`),
// opaque cursors, edges and nodes, pageInfo. Shopify caps a page at 250 items.

export const MAX_PAGE = 250;

export type PageArgs = { first?: number | null; after?: string | null; last?: number | null; before?: string | null };

export type Connection<T> = {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
};

const cursorOf = (key: string) => Buffer.from(JSON.stringify({ last_id: key }), "utf8").toString("base64url");

function keyOf(cursor: string): string | null {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as { last_id?: unknown };
    return typeof parsed.last_id === "string" ? parsed.last_id : null;
  } catch {
    return null;
  }
}

export class PagingError extends Error {}

/** One page of `items` (already filtered and sorted), each keyed by a stable string. */
export function connection<T>(items: T[], args: PageArgs, key: (item: T) => string): Connection<T> {
  const first = args.first ?? null;
  const last = args.last ?? null;
  if (first === null && last === null) throw new PagingError("you must provide one of first or last");
  if ((first ?? 0) > MAX_PAGE || (last ?? 0) > MAX_PAGE) throw new PagingError(`The page size is too large: at most ${MAX_PAGE}.`);
  let start = 0;
  let end = items.length;
  if (args.after) {
    const k = keyOf(args.after);
    const at = items.findIndex((i) => key(i) === k);
    if (k === null) throw new PagingError("Invalid cursor for current pagination sort.");
    start = at + 1;
  }
  if (args.before) {
    const k = keyOf(args.before);
    const at = items.findIndex((i) => key(i) === k);
    if (k === null) throw new PagingError("Invalid cursor for current pagination sort.");
    if (at >= 0) end = at;
  }
  let slice = items.slice(start, end);
  if (first !== null) slice = slice.slice(0, first);
  else if (last !== null) slice = slice.slice(Math.max(0, slice.length - last));
  const edges = slice.map((node) => ({ cursor: cursorOf(key(node)), node }));
  const firstIndex = slice.length ? items.indexOf(slice[0]) : start;
  const lastIndex = slice.length ? items.indexOf(slice[slice.length - 1]) : start - 1;
  return {
    edges,
    nodes: slice,
    pageInfo: {
      hasNextPage: lastIndex + 1 < items.length,
      hasPreviousPage: firstIndex > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
