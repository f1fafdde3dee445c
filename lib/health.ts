import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import pkg from "@/package.json";

export type Health = { status: "ok" | "error"; db: "ok" | "error"; version: string; error?: string };

export async function checkHealth(): Promise<Health> {
  try {
    await db.execute(sql`select 1`);
    return { status: "ok", db: "ok", version: pkg.version };
  } catch (err) {
    return { status: "error", db: "error", version: pkg.version, error: err instanceof Error ? err.message.split("\n")[0] : "unreachable" };
  }
}
