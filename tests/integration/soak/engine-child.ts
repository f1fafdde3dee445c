// The sync engine of the soak test, in its own process so the test can SIGKILL it mid-sync.
// It drives the connections the way the production scheduler does, compressed in time:
// per connection one sync at a time (Inngest's concurrency key), connections in parallel;
// orders every ORDERS_MS, listings every LISTINGS_MS, a push right after any stock change
// and every PUSH_MS. On start it reaps the runs a killed predecessor left `running`.
// One JSON line per finished run on stdout; SIGTERM finishes the current runs and exits.
//
// env: DATABASE_URL, SANDBOX_URL, AUTH_SECRET, ENCRYPTION_KEY (as the test's),
//      SOAK_CONNECTIONS (comma-separated ids), SOAK_REAP_STALE_MS.
import { runConnectionSync } from "@/lib/sync/run";
import type { SyncKind } from "@/lib/sync/runs";
import { reapInterruptedRuns } from "@/lib/sync/reaper";

const ORDERS_MS = 1_500;
const LISTINGS_MS = 5_000;
const PUSH_MS = 2_000;
const IDLE_MS = 50;

const connections = (process.env.SOAK_CONNECTIONS ?? "").split(",").filter(Boolean);
let stopping = false;
process.on("SIGTERM", () => {
  stopping = true;
});

const emit = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify({ at: Date.now(), ...line })}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** When a run changed stock, every connection is asked to push (the push.requested event): connection → first request time. */
const wantPush = new Map<string, number>();

async function runOne(connectionId: string, kind: SyncKind) {
  const started = Date.now();
  emit({ event: "start", connectionId, kind });
  try {
    const outcome = await runConnectionSync(connectionId, kind, kind === "push" ? "stock" : "schedule");
    if (outcome.status === "skipped") {
      emit({ event: "skipped", connectionId, kind, reason: outcome.reason });
      return;
    }
    const { run } = outcome;
    emit({ event: "finish", connectionId, kind, status: run.status, ms: Date.now() - started, created: run.itemsCreated, updated: run.itemsUpdated, error: run.error });
    if (kind !== "push" && run.itemsCreated + run.itemsUpdated > 0) for (const c of connections) if (!wantPush.has(c)) wantPush.set(c, Date.now());
  } catch (err) {
    // runConnectionSync records marketplace failures on the run; a throw is the engine's own bug.
    emit({ event: "crash", connectionId, kind, ms: Date.now() - started, error: err instanceof Error ? err.stack : String(err) });
  }
}

async function loop(connectionId: string, offset: number) {
  const now = Date.now();
  const interval: Record<SyncKind, number> = { orders: ORDERS_MS, listings: LISTINGS_MS, push: PUSH_MS, fulfillment: Infinity };
  const due: Record<SyncKind, number> = { push: now + offset, orders: now + offset, listings: now + offset + LISTINGS_MS / 2, fulfillment: Infinity };
  while (!stopping) {
    // The longest-overdue sync goes first: a slow orders poll must not starve the listings poll.
    const pushAt = Math.min(due.push, wantPush.get(connectionId) ?? Infinity);
    const next = (["push", "orders", "listings"] as const).map((kind) => ({ kind, at: kind === "push" ? pushAt : due[kind] })).sort((a, b) => a.at - b.at)[0];
    const wait = next.at - Date.now();
    if (wait > 0) {
      await sleep(Math.min(wait, IDLE_MS));
      continue;
    }
    if (next.kind === "push") wantPush.delete(connectionId);
    due[next.kind] = Date.now() + interval[next.kind];
    await runOne(connectionId, next.kind);
  }
}

async function main() {
  if (connections.length === 0) throw new Error("SOAK_CONNECTIONS is empty");
  const reaped = await reapInterruptedRuns({ staleAfterMs: Number(process.env.SOAK_REAP_STALE_MS ?? 1_000) });
  emit({ event: "ready", reaped });
  await Promise.all(connections.map((c, i) => loop(c, i * 300)));
  emit({ event: "stopped" });
  process.exit(0);
}

main().catch((err) => {
  emit({ event: "fatal", error: err instanceof Error ? err.stack : String(err) });
  process.exit(1);
});
