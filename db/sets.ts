import { sql, type AnyColumn, type SQL } from "drizzle-orm";

// Set-based statements pass a whole list of values as ONE bind parameter: the same SQL
// works on postgres-js and PGlite and never approaches PostgreSQL's 65,535-parameter
// limit however many rows a page or a first import holds.
//
// The shape matters more than the encoding. `col in (select jsonb_array_elements_text($1))`
// lets the planner put the list on the inner side of a nested loop and rescan it for every
// row of the table (O(rows x ids)): on tables a big first import has just written, which
// nothing has analyzed yet (PGlite never autovacuums), that was 40-80 s for 10,000 ids.
// So lists are passed as a PostgreSQL array literal (`{a,b}`), which the planner sees as a
// constant of known length (hashed when used as a filter, index-driven as a condition),
// and the two statements that take a whole import's ids drive from the list into the
// column's index explicitly (`idRows`).

type SetType = "text" | "uuid";

/** `{"a","b"}`: every element quoted, so any text (commas, quotes, braces) round-trips. */
function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`;
}

/** The values as one array parameter of `type`. */
export function setParam(values: readonly string[], type: SetType = "text"): SQL {
  return sql`${arrayLiteral(values)}::${sql.raw(type)}[]`;
}

/** `column = any(array)`: the column is one of the values. */
export function inSet(column: AnyColumn | SQL, values: readonly string[], type: SetType = "text"): SQL {
  return sql`${column} = any(${setParam(values, type)})`;
}

/** `column <> all(array)`: the column is none of the values. */
export function notInSet(column: AnyColumn | SQL, values: readonly string[], type: SetType = "text"): SQL {
  return sql`${column} <> all(${setParam(values, type)})`;
}

/**
 * The distinct values as a relation `ids(id)`, to drive a statement from the list:
 * `from ${idRows(ids, "uuid")} cross join lateral (select ... from t where t.col = ids.id offset 0) t`.
 * The lateral subquery (kept apart by `offset 0`) can only be an index lookup per value on
 * `t.col`, whatever the table's statistics say; put every other condition outside it, or the
 * planner may look rows up by that condition's index instead.
 */
export function idRows(values: readonly string[], type: SetType = "uuid"): SQL {
  return sql`(select distinct v as id from unnest(${setParam(values, type)}) as v) as ids`;
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
