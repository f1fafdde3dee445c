import { installDispatcher } from "@/lib/sync/dispatch";

// Tests never touch the developer's .data/: PGlite runs in memory unless DATABASE_URL
// points at a real PostgreSQL (CI does), and secrets are fixed test values.
process.env.PGLITE_DIR ??= "memory://";
process.env.AUTH_SECRET ??= "test-auth-secret-test-auth-secret-0123456789";
process.env.ENCRYPTION_KEY ??= "test1:MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDE=";
process.env.SCHEDULER ??= "off";

// What instrumentation.ts does at the app's start-up: lib wakes the sync engine through the
// scheduler's dispatcher (SCHEDULER above: nothing runs unless a test turns it to "local").
// Imported at the first event, so unit tests do not load the engine.
installDispatcher(async (events) => (await import("@/inngest/dispatcher")).schedulerDispatch(events));
