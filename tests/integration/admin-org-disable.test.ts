import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { migrateDb } from "@/db/migrate";
import { auditEvents, syncRuns } from "@/db/schema";
import { disableOrganization, enableOrganization } from "@/lib/admin/organizations";
import { rerunSyncRuns } from "@/lib/admin/rerun";
import { authenticateWithPassword } from "@/lib/auth/authenticate";
import { AuthExpired } from "@/lib/errors";
import type { SyncDeps } from "@/lib/sync/deps";
import { runConnectionSync } from "@/lib/sync/run";
import { makeAdmin, makeConnection, makeRun } from "./admin-fixtures";
import { newSeller, TEST_PASSWORD } from "./helpers";

beforeAll(() => migrateDb());

const runsOf = (connectionId: string) => db.select().from(syncRuns).where(eq(syncRuns.connectionId, connectionId));

describe("disabling an organization from the admin pages", () => {
  it("stops its owner signing in with a message saying so, until it is enabled again", async () => {
    const admin = await makeAdmin();
    const { user, org } = await newSeller("disabled-owner");
    const signIn = () => authenticateWithPassword({ email: user.email, password: TEST_PASSWORD });
    expect(await signIn()).toMatchObject({ ok: true });

    await disableOrganization(admin, { orgId: org.id, reason: "Payment dispute" });
    const refused = await signIn();
    expect(refused).toMatchObject({ ok: false, code: "org_disabled" });
    expect(refused.ok ? "" : refused.message).toMatch(/has been disabled/);

    await enableOrganization(admin, { orgId: org.id });
    expect(await signIn()).toMatchObject({ ok: true });
  });

  it("stops its syncs, scheduled or re-run by an admin, and enabling lets them run again", async () => {
    const admin = await makeAdmin();
    const { org } = await newSeller("disabled-sync");
    const conn = await makeConnection(org.id);
    const failed = await makeRun(conn);

    await disableOrganization(admin, { orgId: org.id, reason: "Abuse report" });
    expect(await runConnectionSync(conn.id, "orders", "schedule")).toMatchObject({ status: "skipped" });
    const rerun = await rerunSyncRuns(admin, { runIds: [failed.id] });
    expect(rerun.results).toEqual([{ runId: failed.id, outcome: "skipped", detail: "The organization is disabled." }]);
    expect(rerun.message).toMatch(/1 skipped/);
    expect(await runsOf(conn.id)).toHaveLength(1);
    const [audit] = await db.select().from(auditEvents).where(eq(auditEvents.targetId, failed.id));
    expect(audit).toMatchObject({ action: "sync.rerun", actorUserId: admin.userId, orgId: org.id, before: { status: "failed" }, after: { outcome: "skipped" } });

    await enableOrganization(admin, { orgId: org.id });
    // A marketplace that refuses the token: the run fails, but it runs and is recorded.
    const refusing: SyncDeps = {
      adapterFor: () => {
        throw new AuthExpired();
      },
      sessionFor: async () => {
        throw new AuthExpired();
      },
    };
    const again = await rerunSyncRuns(admin, { runIds: [failed.id] }, { deps: refusing });
    expect(again.results[0].outcome).not.toBe("skipped");
    expect(again.results[0].newRunId).toBeDefined();
    expect(await runsOf(conn.id)).toHaveLength(2);
  });
});
