import { beforeAll, describe, expect, it } from "vitest";
import { migrateDb } from "@/db/migrate";
import { disableOrganization, enableOrganization } from "@/lib/admin/organizations";
import { authenticateWithPassword } from "@/lib/auth/authenticate";
import { makeAdmin } from "./admin-fixtures";
import { newSeller, TEST_PASSWORD } from "./helpers";

beforeAll(() => migrateDb());

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
});
