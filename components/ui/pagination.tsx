import Link from "next/link";

type Props = { page: number; pageCount: number; total: number; params: Record<string, string | undefined>; noun: string };

export function Pagination({ page, pageCount, total, params, noun }: Props) {
  return (
    <nav aria-label="Pagination" className="mt-4 flex items-center justify-between text-sm text-gray-600">
      <p>
        {total.toLocaleString("en-US")} {noun} · page {page} of {pageCount}
      </p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link className="rounded-md border border-gray-300 bg-white px-3 py-1 hover:bg-gray-50" href={withParam(params, "page", page - 1)}>
            Previous
          </Link>
        ) : null}
        {page < pageCount ? (
          <Link className="rounded-md border border-gray-300 bg-white px-3 py-1 hover:bg-gray-50" href={withParam(params, "page", page + 1)}>
            Next
          </Link>
        ) : null}
      </div>
    </nav>
  );
}

/** The current query string with one parameter set (or removed), as a relative link. */
export function withParam(params: Record<string, string | undefined>, key: string, value: string | number | undefined): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v && k !== key) q.set(k, v);
  if (value !== undefined && value !== "") q.set(key, String(value));
  const s = q.toString();
  return s ? `?${s}` : "?";
}
