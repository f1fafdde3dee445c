export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("@/lib/env");
  env(); // a wrong variable stops start-up here, naming it
  const { migrateDb } = await import("@/db/migrate");
  await migrateDb();
  const { syncAdminEmails } = await import("@/lib/admin/admin-emails");
  await syncAdminEmails(env().ADMIN_EMAILS);
  // lib wakes the sync engine through this dispatcher; it never imports inngest/ itself.
  const [{ installDispatcher }, { schedulerDispatch }] = await Promise.all([import("@/lib/sync/dispatch"), import("@/inngest/dispatcher")]);
  installDispatcher(schedulerDispatch);
  const { schedulerMode } = await import("@/lib/sync/scheduler-mode");
  if (schedulerMode() === "local") {
    const { startLocalScheduler } = await import("@/inngest/local");
    startLocalScheduler();
  }
}
