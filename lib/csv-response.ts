/** A CSV download named <name>-<date>.csv. */
export function csvResponse(csv: string, name: string): Response {
  const file = `${name}-${new Date().toISOString().slice(0, 10)}.csv`;
  return new Response(csv, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${file}"`, "cache-control": "no-store" } });
}
