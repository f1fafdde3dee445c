import path from "node:path";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { db, dbKind } from "./client";

const migrationsFolder = path.resolve(process.cwd(), "drizzle");
const g = globalThis as unknown as { __stockroomMigrated?: Promise<void> };

/** Applies drizzle/ migrations once per process (start-up, tests, scripts). */
export function migrateDb(): Promise<void> {
  g.__stockroomMigrated ??= (async () => {
    // The proxy resolves to the concrete driver instance; each migrator wants its own type.
    if (dbKind() === "pglite") await migratePglite(db as unknown as PgliteDatabase, { migrationsFolder });
    else await migratePostgres(db as unknown as PostgresJsDatabase, { migrationsFolder });
  })();
  return g.__stockroomMigrated;
}
