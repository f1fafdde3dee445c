import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { migrateDb } from "@/db/migrate";
import { marketplaceConnections, memberships, oauthStates } from "@/db/schema";
import { completeConnection, disconnectConnection, requestConnectionSync, startConnection } from "@/lib/connections";
import { hashState } from "@/lib/connections/oauth-state";
import { Forbidden, NotFound } from "@/lib/errors";
import type { OrgContext } from "@/lib/tenancy/context";
import { answerConsent } from "../support/consent";
import { json, startFakeApi } from "../support/fake-api";
import { startTestSandbox } from "../support/sandbox";
import { addMember, newOrgMember } from "../support/tenants";

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
// The sandbox's faults cover the APIs, not its token endpoint, so Etsy's API base goes
// through this relay, which can make the token endpoint fail on demand.
let tokenEndpointFailure: number | null = null;
let relay: Awaited<ReturnType<typeof startFakeApi>>;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  relay = await startFakeApi((req, res, hit) => {
    if (tokenEndpointFailure && hit.url.endsWith("/oauth/token")) return json(res, tokenEndpointFailure, { error: "server_error", error_description: "Something broke" });
    const headers = Object.fromEntries(Object.entries(req.headers).filter((e): e is [string, string] => typeof e[1] === "string" && e[0] !== "host" && e[0] !== "content-length"));
    void fetch(`${sandbox.url}${hit.url}`, { method: hit.method, headers, body: hit.method === "GET" ? undefined : hit.body }).then(async (answer) => {
      res.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "application/json" });
      res.end(await answer.text());
    });
  });
  process.env.ETSY_API_BASE = `${relay.url}/etsy`;
  await migrateDb();
});
afterAll(async () => {
  await relay?.close();
  await sandbox?.close();
});

async function etsyShop() {
  const shopName = `Shop${randomUUID().slice(0, 8)}`;
  await sandbox.control("POST", "/_control/etsy/shops", { shop_name: shopName, listings: 1 });
  return shopName;
}

/** Starts a flow and approves it on the consent page, without calling our callback yet. */
async function approved(ctx: OrgContext, opts: { returnTo?: string } = {}) {
  const shop = await etsyShop();
  const { url } = await startConnection(ctx, "etsy", opts);
  const callback = await answerConsent(url, { shop, button: "Allow access" });
  return callback.searchParams;
}

const connectionsOf = (orgId: string) => db.select().from(marketplaceConnections).where(eq(marketplaceConnections.orgId, orgId));

function expectRefused(outcome: Awaited<ReturnType<typeof completeConnection>>, message: RegExp) {
  expect(outcome.ok).toBe(false);
  if (!outcome.ok) expect(outcome.message).toMatch(message);
}

describe("the OAuth callback refuses what it should", () => {
  it("a tampered state connects nothing", async () => {
    const owner = await newOrgMember("owner");
    const params = await approved(owner);
    params.set("state", `${params.get("state")}x`);
    expectRefused(await completeConnection({ marketplace: "etsy", userId: owner.userId, params }), /not valid/);
    expect(await connectionsOf(owner.orgId)).toHaveLength(0);
  });

  it("a replayed state is refused the second time", async () => {
    const owner = await newOrgMember("owner");
    const params = await approved(owner);
    expect((await completeConnection({ marketplace: "etsy", userId: owner.userId, params })).ok).toBe(true);
    expectRefused(await completeConnection({ marketplace: "etsy", userId: owner.userId, params }), /already used/);
    expect(await connectionsOf(owner.orgId)).toHaveLength(1);
  });

  it("a state issued to another user is refused and stays usable by its owner", async () => {
    const owner = await newOrgMember("owner");
    const attacker = await newOrgMember("owner", "attacker");
    const params = await approved(owner);
    expectRefused(await completeConnection({ marketplace: "etsy", userId: attacker.userId, params }), /started by someone else/);
    expect(await connectionsOf(attacker.orgId)).toHaveLength(0);
    expect((await completeConnection({ marketplace: "etsy", userId: owner.userId, params })).ok).toBe(true);
  });

  it("a state for the other marketplace is refused", async () => {
    const owner = await newOrgMember("owner");
    const params = await approved(owner);
    expectRefused(await completeConnection({ marketplace: "ebay", userId: owner.userId, params }), /not valid/);
  });

  it("an expired state is refused", async () => {
    const owner = await newOrgMember("owner");
    const params = await approved(owner);
    await db.update(oauthStates).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(oauthStates.stateHash, hashState(params.get("state") ?? "")));
    expectRefused(await completeConnection({ marketplace: "etsy", userId: owner.userId, params }), /expired/);
    expect(await connectionsOf(owner.orgId)).toHaveLength(0);
  });

  it("a callback without a code connects nothing", async () => {
    const owner = await newOrgMember("owner");
    const params = await approved(owner);
    params.delete("code");
    expectRefused(await completeConnection({ marketplace: "etsy", userId: owner.userId, params }), /did not send an authorization code/);
    expect(await connectionsOf(owner.orgId)).toHaveLength(0);
  });

  it("pressing Deny on Etsy says the connection was cancelled and changes nothing", async () => {
    const owner = await newOrgMember("owner");
    const shop = await etsyShop();
    const { url } = await startConnection(owner, "etsy");
    const callback = await answerConsent(url, { shop, button: "Deny" });
    expect(callback.searchParams.get("error")).toBe("access_denied");
    const outcome = await completeConnection({ marketplace: "etsy", userId: owner.userId, params: callback.searchParams });
    expect(outcome).toEqual({ ok: false, cancelled: true, message: "You cancelled the connection.", status: 200 });
    expect(await connectionsOf(owner.orgId)).toHaveLength(0);
  });

  it("another error from the marketplace is shown without echoing markup", async () => {
    const owner = await newOrgMember("owner");
    const params = new URLSearchParams({ error: "server_error", error_description: "<script>alert(1)</script>" });
    const outcome = await completeConnection({ marketplace: "ebay", userId: owner.userId, params });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.message).not.toMatch(/[<>]/);
  });

  it("a code the token endpoint refuses (400) gives a clear message and connects nothing", async () => {
    const owner = await newOrgMember("owner");
    const params = await approved(owner);
    params.set("code", "forged-code");
    const outcome = await completeConnection({ marketplace: "etsy", userId: owner.userId, params });
    expect(outcome).toMatchObject({ ok: false, status: 400 });
    if (!outcome.ok) expect(outcome.message).toMatch(/Etsy refused the authorization/);
    expect(await connectionsOf(owner.orgId)).toHaveLength(0);
  });

  it("a token endpoint that fails (500) gives a try-again message and connects nothing", async () => {
    const owner = await newOrgMember("owner");
    const params = await approved(owner);
    tokenEndpointFailure = 500;
    try {
      const outcome = await completeConnection({ marketplace: "etsy", userId: owner.userId, params });
      expect(outcome).toMatchObject({ ok: false, status: 502 });
      if (!outcome.ok) expect(outcome.message).toMatch(/try again/i);
    } finally {
      tokenEndpointFailure = null;
    }
    expect(await connectionsOf(owner.orgId)).toHaveLength(0);
  });

  it("an off-site return address is replaced by the Connections page", async () => {
    const owner = await newOrgMember("owner");
    const params = await approved(owner, { returnTo: "https://evil.example/steal" });
    expect(await completeConnection({ marketplace: "etsy", userId: owner.userId, params })).toMatchObject({ ok: true, returnTo: "/connections" });
    const same = await approved(owner, { returnTo: "/inventory?linked=1" });
    expect(await completeConnection({ marketplace: "etsy", userId: owner.userId, params: same })).toMatchObject({ ok: true, returnTo: "/inventory?linked=1" });
  });

  it("a member demoted to viewer during the flow cannot finish it", async () => {
    const owner = await newOrgMember("owner");
    const manager = await addMember(owner.orgId, "manager");
    const managerCtx = { orgId: owner.orgId, userId: manager.userId, role: manager.role };
    const params = await approved(managerCtx);
    await db.update(memberships).set({ role: "viewer" }).where(eq(memberships.userId, manager.userId));
    expectRefused(await completeConnection({ marketplace: "etsy", userId: manager.userId, params }), /can no longer connect/);
    expect(await connectionsOf(owner.orgId)).toHaveLength(0);
  });
});

describe("roles and tenancy", () => {
  it("a viewer cannot start a connection", async () => {
    const owner = await newOrgMember("owner");
    const viewer = await addMember(owner.orgId, "viewer");
    await expect(startConnection({ orgId: owner.orgId, userId: viewer.userId, role: "viewer" }, "etsy")).rejects.toBeInstanceOf(Forbidden);
    expect(await db.select().from(oauthStates).where(eq(oauthStates.userId, viewer.userId))).toHaveLength(0);
  });

  it("organization B cannot disconnect, sync or reconnect organization A's connection by id", async () => {
    const orgA = await newOrgMember("owner", "orga");
    const orgB = await newOrgMember("owner", "orgb");
    const outcome = await completeConnection({ marketplace: "etsy", userId: orgA.userId, params: await approved(orgA) });
    if (!outcome.ok) throw new Error(outcome.message);
    await expect(disconnectConnection(orgB, outcome.connectionId)).rejects.toBeInstanceOf(NotFound);
    await expect(requestConnectionSync(orgB, outcome.connectionId)).rejects.toBeInstanceOf(NotFound);
    await expect(startConnection(orgB, "etsy", { connectionId: outcome.connectionId })).rejects.toBeInstanceOf(NotFound);
    const [row] = await connectionsOf(orgA.orgId);
    expect(row).toMatchObject({ id: outcome.connectionId, status: "active" });
    expect(row?.accessTokenEnc).not.toBeNull();
  });
});
