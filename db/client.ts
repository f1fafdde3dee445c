import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { ExtractTablesWithRelations } from "drizzle-orm";
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

type Handle = { db: Db; kind: "postgres" | "pglite"; close: () => Promise<void> };

// One instance per process, kept on globalThis so Next's hot reloads never open
// the PGlite data directory twice.
const g = globalThis as unknown as { __stockroomDb?: Handle };

function open(): Handle {
  const e = env();
  if (e.DATABASE_URL) {
    const client = postgres(e.DATABASE_URL, { max: 10, onnotice: () => {} });
    return { db: drizzlePostgres(client, { schema }) as unknown as Db, kind: "postgres", close: () => client.end() };
  }
  const dir = e.PGLITE_DIR ?? path.resolve(e.DATA_DIR, "pglite");
  // PGlite creates its own directory but not the parents (a fresh clone has no .data/).
  if (!dir.startsWith("memory://")) mkdirSync(path.dirname(path.resolve(dir)), { recursive: true });
  const client = dir.startsWith("memory://") ? new PGlite() : new PGlite(dir);
  return { db: drizzlePglite(client, { schema }) as unknown as Db, kind: "pglite", close: () => client.close() };
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

export function dbKind() {
  return handle().kind;
}

export async function closeDb() {
  const h = g.__stockroomDb;
  g.__stockroomDb = undefined;
  await h?.close();
}
