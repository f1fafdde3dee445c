import { sql, type SQL } from "drizzle-orm";

// Set-based statements pass a whole page of values as one jsonb parameter: the same
// SQL works on postgres-js and PGlite (no driver-specific array binding) and never
// approaches PostgreSQL's 65,535-parameter limit however many rows a page holds.

/** `(select ...)` of the values, for `column in ${inSet(values, "uuid")}`. */
export function inSet(values: readonly string[], type: "text" | "uuid" = "text"): SQL {
  const list = sql`jsonb_array_elements_text(${JSON.stringify(values)}::jsonb)`;
  return type === "uuid" ? sql`(select (${list})::uuid)` : sql`(select ${list})`;
}

/** A jsonb array of objects, for `from jsonb_to_recordset(${records(rows)}) as v(col type, ...)`. */
export function records(rows: readonly object[]): SQL {
  return sql`${JSON.stringify(rows)}::jsonb`;
}

/** The rows of `db.execute`: postgres-js returns an array, PGlite an object with `rows`. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  const rows = (result as { rows?: T[] }).rows;
  return rows ?? [];
}
