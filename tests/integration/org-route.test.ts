import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { migrateDb } from "@/db/migrate";
import { memberships, products, users } from "@/db/schema";
import { z } from "zod";
import { env } from "@/lib/env";
import { NotFound } from "@/lib/errors";
import { runOrgRoute, tenantWhere, type OrgContext } from "@/lib/tenancy";
import { newSeller } from "./helpers";

const countProducts = async (_req: Request, ctx: OrgContext) => Response.json({ orgId: ctx.orgId, role: ctx.role, count: (await db.select().from(products).where(tenantWhere(ctx, products))).length });
const req = new Request("http://localhost/api/x");

describe("orgRoute", () => {
  beforeAll(() => migrateDb());

  it("hands the handler the caller's own organization and role", async () => {
    const { user, org } = await newSeller("route");
    const res = await runOrgRoute(user.id, countProducts, {}, req, {});
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ orgId: org.id, role: "owner", count: 0 });
  });

  it("answers 401 signed out, 403 below the role, and maps typed errors to JSON", async () => {
    const signedOut = await runOrgRoute(null, countProducts, {}, req, {});
    expect(signedOut.status).toBe(401);
    expect(await signedOut.json()).toMatchObject({ error: { code: "unauthorized" } });

    const owner = await newSeller("route-owner");
    const viewer = await newSeller("route-viewer");
    await db.insert(memberships).values({ orgId: owner.org.id, userId: viewer.user.id, role: "viewer" });
    await db.update(users).set({ currentOrgId: owner.org.id }).where(eq(users.id, viewer.user.id));
    const refused = await runOrgRoute(viewer.user.id, countProducts, { minRole: "manager" }, req, {});
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: "forbidden", message: expect.stringContaining("Viewers cannot change anything") } });

    const missing = await runOrgRoute(owner.user.id, async () => { throw new NotFound("No such product in this organization."); }, {}, req, {});
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: "not_found", message: "No such product in this organization." } });
  });

  it("takes the session's user row as read (no second read of it), and still checks membership", async () => {
    const owner = await newSeller("route-row-owner");
    const member = await newSeller("route-row-member");
    await db.insert(memberships).values({ orgId: owner.org.id, userId: member.user.id, role: "manager" });
    const [row] = await db.select().from(users).where(eq(users.id, member.user.id));
    // The row says "current: owner's organization" although the table does not: the row is what counts.
    const res = await runOrgRoute({ ...row, currentOrgId: owner.org.id }, countProducts, {}, req, {});
    expect(await res.json()).toMatchObject({ orgId: owner.org.id, role: "manager" });
    const stranger = await newSeller("route-row-stranger");
    const ignored = await runOrgRoute({ ...row, currentOrgId: stranger.org.id }, countProducts, {}, req, {});
    expect(await ignored.json()).toMatchObject({ orgId: member.org.id });
    expect((await runOrgRoute({ ...row, disabledAt: new Date() }, countProducts, {}, req, {})).status).toBe(404);
  });

  it("a current_org_id pointing at someone else's organization is ignored", async () => {
    const a = await newSeller("route-a");
    const b = await newSeller("route-b");
    await db.update(users).set({ currentOrgId: a.org.id }).where(eq(users.id, b.user.id));
    const res = await runOrgRoute(b.user.id, countProducts, {}, req, {});
    expect(await res.json()).toMatchObject({ orgId: b.org.id });
  });
});

describe("orgRoute refuses cross-origin and non-JSON state changes", () => {
  beforeAll(() => migrateDb());
  const app = new URL(env().APP_URL).origin;
  const post = (headers: Record<string, string>) => new Request(`${app}/api/x`, { method: "POST", headers, body: '{"productId":"x","set":0}' });
  const ok = async () => Response.json({ changed: true });

  it.each([
    ["a text/plain form from another port of the same site", { origin: "http://localhost:4999", "content-type": "text/plain" }, 403],
    ["JSON from another origin", { origin: "https://evil.stockroom.example", "content-type": "application/json" }, 403],
    ["no Origin and a cross-site fetch", { "sec-fetch-site": "same-site", "content-type": "application/json" }, 403],
    ["no Origin at all (a script outside a browser)", { "content-type": "application/json" }, 403],
    ["our own origin, but a form body", { origin: app, "content-type": "application/x-www-form-urlencoded" }, 415],
    ["our own origin, text/plain", { origin: app, "content-type": "text/plain" }, 415],
    ["our own origin, JSON", { origin: app, "content-type": "application/json; charset=utf-8" }, 200],
    ["no Origin but Sec-Fetch-Site same-origin, JSON", { "sec-fetch-site": "same-origin", "content-type": "application/json" }, 200],
  ])("%s -> %i", async (_label, headers, status) => {
    const { user } = await newSeller("csrf");
    const res = await runOrgRoute(user.id, ok, { minRole: "manager" }, post(headers), {});
    expect(res.status).toBe(status);
    if (status !== 200) expect((await res.json()).error.message).toMatch(/Stockroom|JSON/);
  });

  it("reads (GET) need neither", async () => {
    const { user } = await newSeller("csrf-get");
    expect((await runOrgRoute(user.id, ok, {}, new Request(`${app}/api/x`), {})).status).toBe(200);
  });

  it("a bare zod parse in a handler answers 400 naming the field, not 500", async () => {
    const { user } = await newSeller("zod");
    const res = await runOrgRoute(user.id, async () => Response.json(z.object({ importId: z.uuid() }).parse({ importId: "not-a-uuid" })), {}, req, {});
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "invalid", fields: { importId: expect.any(String) } } });
  });
});
