import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { fillPlaceholders, type ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { env } from "@/lib/env";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** A database handle or an open transaction: lib functions accept either. */
export type DbOrTx = Db | Tx;

type Handle = {
  db: Db;
  kind: "postgres" | "pglite";
  close: () => Promise<void>;
  statements: Map<string, unknown>;
  /** Runs a statement on the driver itself, rows as arrays in select order. */
  rows: (text: string, params: unknown[]) => Promise<unknown[][]>;
};

// One instance per process, kept on globalThis so Next's hot reloads never open
// the PGlite data directory twice.
const g = globalThis as unknown as { __stockroomDb?: Handle };

function open(): Handle {
  const e = env();
  if (e.DATABASE_URL) {
    // Statements are prepared (see `preparing`) but planned for their actual values every time: a
    // cached generic plan of the inventory search (ilike over a trigram index) scanned the catalogue,
    // 11 ms -> 77 ms a request, once PostgreSQL chose it after five executions. No JIT: its compile
    // time (tens of ms) never pays back on these short statements, and a recursive CTE's inflated
    // cost estimate (the bundle walks) crossed jit_above_cost: 1.4 -> 47 ms.
    const client = preparing(postgres(e.DATABASE_URL, { max: 10, onnotice: () => {}, connection: { plan_cache_mode: "force_custom_plan", jit: "off" } }));
    // drizzle() runs first: it sets the client's date parsers that `rows` relies on too (ISO strings).
    const pgDb = drizzlePostgres(client, { schema }) as unknown as Db;
    const rows = (text: string, params: unknown[]) => client.unsafe(text, params as postgres.ParameterOrJSON<never>[]).values() as Promise<unknown[][]>;
    return { db: pgDb, kind: "postgres", close: () => client.end(), statements: new Map(), rows };
  }
  const dir = e.PGLITE_DIR ?? path.resolve(e.DATA_DIR, "pglite");
  // PGlite creates its own directory but not the parents (a fresh clone has no .data/).
  if (!dir.startsWith("memory://")) mkdirSync(path.dirname(path.resolve(/*turbopackIgnore: true*/ dir)), { recursive: true });
  const client = dir.startsWith("memory://") ? new PGlite() : new PGlite(dir);
  // Timestamps stay text, as drizzle's postgres-js driver leaves them: microseconds, not a Date's milliseconds.
  const rows = async (text: string, params: unknown[]) => (await client.query<unknown[]>(text, params, { rowMode: "array", parsers: { 1114: String, 1184: String } })).rows;
  return { db: drizzlePglite(client, { schema }) as unknown as Db, kind: "pglite", close: () => client.close(), statements: new Map(), rows };
}

// A statement with more parameters is a bulk one-off (an `in (...)` of a CSV's SKUs), whose text
// changes with its size: preparing it would only fill the connection's statement cache.
const MAX_PREPARED_PARAMS = 100;

/**
 * Drizzle hands postgres.js every query as an unnamed statement, which costs each one a Parse and
 * Describe round trip before its Bind and Execute. Named statements are parsed and described once
 * per connection: a dashboard read drops from four round trips to two. (Plans are not reused: the
 * connection forces custom plans.) Queries with parameters only: the rest
 * go out as simple queries (migrations). The cache lives as long as the connection (postgres.js
 * recycles them every 30-60 minutes), and a plan invalidated by a migration is re-prepared by
 * postgres.js itself.
 */
function preparing(sql: postgres.Sql): postgres.Sql {
  const { unsafe, begin, savepoint } = sql as unknown as Record<string, (...a: unknown[]) => unknown>;
  const scoped = (fn: unknown) => (tx: postgres.Sql) => (fn as (tx: postgres.Sql) => unknown)(preparing(tx));
  return Object.assign(sql, {
    unsafe: (query: string, args: unknown[] = [], options: Record<string, unknown> = {}) =>
      unsafe.call(sql, query, args, { ...options, prepare: args.length > 0 && args.length <= MAX_PREPARED_PARAMS }),
    // A transaction's queries run on a connection-scoped copy of `sql`: it prepares too.
    begin: (...a: unknown[]) => begin.call(sql, ...a.slice(0, -1), scoped(a.at(-1))),
    ...(savepoint && { savepoint: (...a: unknown[]) => savepoint.call(sql, ...a.slice(0, -1), scoped(a.at(-1))) }),
  }) as postgres.Sql;
}

function handle(): Handle {
  g.__stockroomDb ??= open();
  return g.__stockroomDb;
}

export const db: Db = new Proxy({} as Db, {
  // Drizzle's `is()` (used by the Auth.js adapter) walks the prototype chain.
  getPrototypeOf() {
    return Object.getPrototypeOf(handle().db);
  },
  get(_t, prop) {
    const real = handle().db as unknown as Record<string | symbol, unknown>;
    const value = real[prop];
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(real) : value;
  },
});

/**
 * A query built once per database handle and shape, then run with placeholder values. Building a
 * drizzle query with subqueries and aliases costs more Node CPU than sending it: about 1.2 ms of
 * the inventory table's 3.4 ms per request. `key` names the shape; everything that varies between
 * two requests of one shape must be a `sql.placeholder`.
 */
export function statement<T>(key: string, build: () => T): T {
  const cache = handle().statements;
  if (!cache.has(key)) cache.set(key, build());
  return cache.get(key) as T;
}

/**
 * A hot read built once per handle and shape like `statement`, then run on the driver directly:
 * its rows come back as arrays in select order, unmapped. Drizzle's per-row mapping (an `is()`
 * prototype walk per field) cost about 0.5 ms of Node CPU per 50-row inventory page.
 */
export function rowsStatement(key: string, build: () => { toSQL(): { sql: string; params: unknown[] } }) {
  return statement(key, () => {
    const { sql: text, params } = build().toSQL();
    return (values: Record<string, unknown>) => handle().rows(text, fillPlaceholders(params, values));
  });
}

export function dbKind() {
  return handle().kind;
}

export async function closeDb() {
  const h = g.__stockroomDb;
  g.__stockroomDb = undefined;
  await h?.close();
}
