import { db, type Tx } from "./client";

// PostgreSQL aborts one of two transactions that lock the same rows in opposite orders
// (deadlock_detected) or that cannot be serialized; running it again is the documented cure.
const RETRYABLE = new Set(["40P01", "40001"]);
const TRIES = 4;

function sqlState(err: unknown): string | null {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return null;
}

/** A transaction retried when the database aborted it for a deadlock or a serialization failure. */
export function retryingTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return retrying(() => db.transaction(fn));
}

/** Work that is its own transaction (one statement), retried as retryingTransaction is. */
export async function retrying<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const state = sqlState(err);
      if (!state || !RETRYABLE.has(state) || attempt >= TRIES) throw err;
      await new Promise((r) => setTimeout(r, 10 * attempt + Math.random() * 40));
    }
  }
}
