import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { migrateDb } from "@/db/migrate";
import { marketplaceConnections, oauthStates } from "@/db/schema";
import { AccountAddressNeeded, completeConnection, listConnections, rereadChannelLocations, sessionFor, startConnection } from "@/lib/connections";
import { hashState } from "@/lib/connections/oauth-state";
import { Invalid } from "@/lib/errors";
import { adapterFor } from "@/lib/marketplaces";
import { connectionRow, connectThroughConsent } from "../support/connect";
import { answerConsent } from "../support/consent";
import { startTestSandbox } from "../support/sandbox";
import { newOrgMember } from "../support/tenants";

// Connecting a Shopify store the way a seller does: name the store, approve on its admin,
// come back through the signed callback.

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  await migrateDb();
});
afterAll(() => sandbox?.close());

async function shopifyStore(opts: { locations?: string[] } = {}) {
  const name = `store${randomUUID().slice(0, 8)}`;
  const domain = `${name}.myshopify.com`;
  await sandbox.control("POST", "/_control/shopify/shops", {
    domain,
    name: `Store ${name}`,
    ...(opts.locations ? { locations: opts.locations.map((n) => ({ name: n })) } : {}),
    products: [{ title: "Mug", variants: [{ sku: `MUG-${name}`, quantity: 4 }] }],
  });
  return { name, domain };
}

describe("connecting a Shopify store", () => {
  it("a seller names the store, approves on its admin, and Stockroom keeps its token sealed under the myshopify domain", async () => {
    const owner = await newOrgMember("owner");
    const store = await shopifyStore();
    const { url } = await startConnection(owner, "shopify", { account: `https://${store.name}.myshopify.com/` });
    expect(new URL(url).pathname).toBe(`/shopify/${store.domain}/admin/oauth/authorize`);
    const callback = await answerConsent(url, { shop: store.domain, button: "Allow access" });
    const outcome = await completeConnection({ marketplace: "shopify", userId: owner.userId, params: callback.searchParams });
    expect(outcome).toMatchObject({ ok: true, name: `Store ${store.name}`, reconnected: false });
    if (!outcome.ok) return;
    const row = await connectionRow(outcome.connectionId);
    expect(row).toMatchObject({ marketplace: "shopify", externalId: store.domain, status: "active", refreshTokenEnc: null });
    expect(row.externalUserId).toMatch(/^gid:\/\/shopify\/Shop\//);
    expect(row.accessTokenEnc).toMatch(/^test1\./);
    const page = await adapterFor("shopify").fetchListings(sessionFor(row), null);
    expect(page.items.flatMap((l) => l.items.map((i) => i.sku))).toEqual([`MUG-${store.name}`]);
  });

  it("a store address that is not a myshopify.com one is refused next to the field, and nothing is stored", async () => {
    const owner = await newOrgMember("owner");
    for (const bad of ["evil.com", "a.myshopify.com.evil.com", "north wind", "user@north.myshopify.com"]) {
      const err = await startConnection(owner, "shopify", { account: bad }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Invalid);
      expect((err as Invalid).fields).toHaveProperty("account");
    }
    const missing = await startConnection(owner, "shopify", {}).catch((e: unknown) => e);
    expect((missing as Invalid).fields).toHaveProperty("account");
    expect(await db.select().from(oauthStates).where(eq(oauthStates.orgId, owner.orgId))).toHaveLength(0);
  });

  it("a callback whose signature does not match is refused without spending the state; the genuine one then connects", async () => {
    const owner = await newOrgMember("owner");
    const store = await shopifyStore();
    const { url } = await startConnection(owner, "shopify", { account: store.name });
    const callback = await answerConsent(url, { shop: store.domain, button: "Allow access" });
    const forged = new URLSearchParams(callback.searchParams);
    forged.set("code", "stolen-code");
    expect(await completeConnection({ marketplace: "shopify", userId: owner.userId, params: forged })).toMatchObject({ ok: false, message: expect.stringMatching(/not signed by Shopify/) });
    const [state] = await db.select().from(oauthStates).where(eq(oauthStates.stateHash, hashState(callback.searchParams.get("state") ?? "")));
    expect(state?.usedAt).toBeNull();
    expect(await completeConnection({ marketplace: "shopify", userId: owner.userId, params: callback.searchParams })).toMatchObject({ ok: true });
  });

  it("Shopify answering for another store than the one the seller named is refused", async () => {
    const owner = await newOrgMember("owner");
    const named = await shopifyStore();
    const other = await shopifyStore();
    const { url } = await startConnection(owner, "shopify", { account: named.domain });
    // The state travels to the other store's consent page: its signed callback names the other store.
    const swapped = url.replace(named.domain, other.domain);
    const callback = await answerConsent(swapped, { shop: other.domain, button: "Allow access" });
    const outcome = await completeConnection({ marketplace: "shopify", userId: owner.userId, params: callback.searchParams });
    expect(outcome).toMatchObject({ ok: false, message: expect.stringContaining(`you started connecting ${named.domain}`) });
    expect(await db.select().from(marketplaceConnections).where(eq(marketplaceConnections.orgId, owner.orgId))).toHaveLength(0);
  });

  it("reconnecting a store goes straight to its own consent page", async () => {
    const owner = await newOrgMember("owner");
    const store = await shopifyStore();
    const first = await connectThroughConsent(owner, "shopify", store.domain, {}).catch((e: unknown) => e);
    // connectThroughConsent has no address to give: connecting a new store needs one.
    expect((first as Invalid).fields).toHaveProperty("account");
    const { url } = await startConnection(owner, "shopify", { account: store.domain });
    const made = await completeConnection({ marketplace: "shopify", userId: owner.userId, params: (await answerConsent(url, { shop: store.domain, button: "Allow access" })).searchParams });
    if (!made.ok) throw new Error(made.message);
    const again = await connectThroughConsent(owner, "shopify", store.domain, { connectionId: made.connectionId });
    expect(again).toMatchObject({ ok: true, connectionId: made.connectionId, reconnected: true });
    // A store whose data Shopify had erased has no address left: the seller is asked for it again.
    await db.update(marketplaceConnections).set({ externalId: `erased:${made.connectionId}`, status: "disabled" }).where(eq(marketplaceConnections.id, made.connectionId));
    await expect(startConnection(owner, "shopify", { connectionId: made.connectionId })).rejects.toBeInstanceOf(AccountAddressNeeded);
  });

  it("when the store's locations cannot be read at connect, the store still connects and the card says why and offers to read them again", async () => {
    const owner = await newOrgMember("owner");
    const store = await shopifyStore({ locations: ["Shop floor", "Warehouse"] });
    const { url } = await startConnection(owner, "shopify", { account: store.domain });
    const callback = await answerConsent(url, { shop: store.domain, button: "Allow access" });
    await sandbox.control("POST", "/_control/faults", { marketplace: "shopify", kind: "malformed", count: 1, path: "#Locations$" });
    const outcome = await completeConnection({ marketplace: "shopify", userId: owner.userId, params: callback.searchParams });
    if (!outcome.ok) throw new Error(outcome.message);
    const [card] = (await listConnections(owner)).filter((c) => c.id === outcome.connectionId);
    expect(card.status).toBe("active");
    expect(card.locations).toBeNull();
    expect(card.locationsError).toMatch(/^Stockroom could not read this store's locations: Shopify sent an unreadable answer to Locations .*Until it can, it keeps stock at the store's primary location\. Choose "Read locations again" to retry\.$/);
    expect(await rereadChannelLocations(owner, outcome.connectionId)).toBe("Locations read.");
    const [after] = (await listConnections(owner)).filter((c) => c.id === outcome.connectionId);
    expect(after.locationsError).toBeNull();
    expect(after.locations?.map((l) => l.name)).toEqual(["Shop floor", "Warehouse"]);
    expect(after.locationName).toBe("Shop floor");
  });
});
