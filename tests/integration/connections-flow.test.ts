import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { migrateDb } from "@/db/migrate";
import { auditEvents, emailOutbox, marketplaceConnections, orders } from "@/db/schema";
import { disconnectConnection, refreshConnectionToken, sessionFor } from "@/lib/connections";
import { AuthExpired } from "@/lib/errors";
import { adapterFor } from "@/lib/marketplaces";
import { connectionRow, connectThroughConsent } from "../support/connect";
import { startTestSandbox } from "../support/sandbox";
import { addMember, newOrgMember } from "../support/tenants";

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  await migrateDb();
});
afterAll(() => sandbox?.close());

async function etsyShop(listings = 2) {
  const shopName = `Shop${randomUUID().slice(0, 8)}`;
  const shop = await sandbox.control<{ shop_id: number; user_id: number; listing_ids: number[] }>("POST", "/_control/etsy/shops", { shop_name: shopName, listings });
  return { ...shop, shopName };
}

async function ebaySeller(items = 2) {
  const username = `seller_${randomUUID().slice(0, 8)}`;
  await sandbox.control("POST", "/_control/ebay/sellers", { username, items });
  return username;
}

const connect = connectThroughConsent;

describe("connecting shops", () => {
  it("a seller connects an Etsy shop and Stockroom can read its listings", async () => {
    const owner = await newOrgMember("owner");
    const shop = await etsyShop(3);
    const outcome = await connect(owner, "etsy", shop.shopName);
    expect(outcome).toMatchObject({ ok: true, name: shop.shopName, reconnected: false, returnTo: "/connections" });
    if (!outcome.ok) return;

    const row = await connectionRow(outcome.connectionId);
    expect(row).toMatchObject({ orgId: owner.orgId, marketplace: "etsy", externalId: String(shop.shop_id), externalUserId: String(shop.user_id), status: "active" });
    expect(row.accessTokenEnc).toMatch(/^test1\./);
    expect(row.accessTokenEnc).not.toContain(String(shop.user_id) + ".");
    expect(row.refreshExpiresAt?.getTime()).toBeGreaterThan(Date.now() + 80 * 24 * 3600 * 1000);

    const page = await adapterFor("etsy").fetchListings(sessionFor(row), null);
    expect(page.items.map((l) => l.externalId).sort()).toEqual(shop.listing_ids.map(String).sort());

    const audits = await db.select().from(auditEvents).where(and(eq(auditEvents.orgId, owner.orgId), eq(auditEvents.action, "connection.added")));
    expect(audits).toHaveLength(1);
  });

  it("a seller connects an eBay account and Stockroom can read its inventory", async () => {
    const owner = await newOrgMember("owner");
    const username = await ebaySeller(2);
    const outcome = await connect(owner, "ebay", username);
    expect(outcome).toMatchObject({ ok: true, name: username });
    if (!outcome.ok) return;
    const row = await connectionRow(outcome.connectionId);
    // Keyed by eBay's immutable user id; the username is kept for display.
    expect(row).toMatchObject({ marketplace: "ebay", externalId: row.externalUserId, name: username, status: "active" });
    expect(row.externalId).toMatch(/^u\d+$/);
    const page = await adapterFor("ebay").fetchListings(sessionFor(row), null);
    expect(page.items.flatMap((l) => l.items)).toHaveLength(2);
  });

  it("an eBay account whose username eBay withholds is connected by its user id, which is also shown", async () => {
    const owner = await newOrgMember("owner");
    const username = `hidden_${randomUUID().slice(0, 8)}`;
    const { user_id } = await sandbox.control<{ user_id: string }>("POST", "/_control/ebay/sellers", { username, items: 1, username_withheld: true });
    const outcome = await connect(owner, "ebay", username);
    expect(outcome).toMatchObject({ ok: true, name: user_id });
    if (!outcome.ok) return;
    expect(await connectionRow(outcome.connectionId)).toMatchObject({ externalId: user_id, externalUserId: user_id, name: user_id });
  });

  it("an eBay connection stored under its username before the switch to user ids is reused on reconnect, not duplicated", async () => {
    const owner = await newOrgMember("owner");
    const username = await ebaySeller(1);
    const first = await connect(owner, "ebay", username);
    if (!first.ok) throw new Error(first.message);
    await db.update(marketplaceConnections).set({ externalId: username, externalUserId: null }).where(eq(marketplaceConnections.id, first.connectionId));
    const second = await connect(owner, "ebay", username);
    expect(second).toMatchObject({ ok: true, reconnected: true, connectionId: first.connectionId });
    const rows = await db.select().from(marketplaceConnections).where(eq(marketplaceConnections.orgId, owner.orgId));
    expect(rows).toHaveLength(1);
    expect(rows[0].externalId).toBe(rows[0].externalUserId);
  });

  it("connecting the same shop again updates its tokens instead of duplicating it", async () => {
    const owner = await newOrgMember("owner");
    const shop = await etsyShop(1);
    const first = await connect(owner, "etsy", shop.shopName);
    const before = first.ok ? await connectionRow(first.connectionId) : null;
    const second = await connect(owner, "etsy", shop.shopName);
    expect(second).toMatchObject({ ok: true, reconnected: true });
    if (!first.ok || !second.ok || !before) return;
    expect(second.connectionId).toBe(first.connectionId);
    expect((await connectionRow(first.connectionId)).accessTokenEnc).not.toBe(before.accessTokenEnc);
    const rows = await db.select().from(marketplaceConnections).where(eq(marketplaceConnections.orgId, owner.orgId));
    expect(rows).toHaveLength(1);
  });

  it("refuses a shop that another organization already connected", async () => {
    const orgA = await newOrgMember("owner", "orga");
    const orgB = await newOrgMember("owner", "orgb");
    const shop = await etsyShop(1);
    expect((await connect(orgA, "etsy", shop.shopName)).ok).toBe(true);
    const outcome = await connect(orgB, "etsy", shop.shopName);
    expect(outcome).toMatchObject({ ok: false, status: 409 });
    if (!outcome.ok) expect(outcome.message).toMatch(/already connected to another Stockroom organization/);
    expect(await db.select().from(marketplaceConnections).where(eq(marketplaceConnections.orgId, orgB.orgId))).toHaveLength(0);
  });
});

describe("tokens", () => {
  it("an expired Etsy access token is refreshed once, even for concurrent callers, and the rotated refresh token is stored", async () => {
    const owner = await newOrgMember("owner");
    const shop = await etsyShop(2);
    const outcome = await connect(owner, "etsy", shop.shopName);
    if (!outcome.ok) throw new Error(outcome.message);
    const before = await connectionRow(outcome.connectionId);

    await sandbox.control("POST", "/_control/faults", { marketplace: "etsy", kind: "expire_tokens" });
    // Two sessions stand for two workers that both hit the expired token at once.
    const [a, b] = [sessionFor(before), sessionFor(before)];
    const results = await Promise.all([
      adapterFor("etsy").fetchOrders(a, null, null),
      adapterFor("etsy").fetchListings(b, null),
      adapterFor("etsy").fetchListings(a, null),
    ]);
    expect(results).toHaveLength(3);

    const after = await connectionRow(outcome.connectionId);
    expect(after.status).toBe("active");
    expect(after.refreshTokenEnc).not.toBe(before.refreshTokenEnc);
    expect(after.accessTokenEnc).not.toBe(before.accessTokenEnc);
    // Had two refreshes used the same rotated refresh token, the second would have been refused.
    await expect(adapterFor("etsy").fetchListings(sessionFor(after), null)).resolves.toBeTruthy();
  });

  it("two processes refreshing the same connection at once refresh it only once (row lock)", async () => {
    const owner = await newOrgMember("owner");
    const shop = await etsyShop(1);
    const outcome = await connect(owner, "etsy", shop.shopName);
    if (!outcome.ok) throw new Error(outcome.message);
    const before = await connectionRow(outcome.connectionId);
    // refreshConnectionToken skips the in-process single-flight, as a second worker would.
    const [one, two] = await Promise.all([refreshConnectionToken(before.id, before.accessTokenEnc), refreshConnectionToken(before.id, before.accessTokenEnc)]);
    expect(one.token).toBe(two.token);
    const after = await connectionRow(outcome.connectionId);
    // A second refresh would have spent the already-rotated refresh token and lost the shop.
    expect(after.status).toBe("active");
    expect(after.accessTokenEnc).toBe(one.enc);
    await expect(adapterFor("etsy").fetchListings(sessionFor(after), null)).resolves.toBeTruthy();
  });

  it("an expired eBay access token is refreshed and the long-lived refresh token kept", async () => {
    const owner = await newOrgMember("owner");
    const username = await ebaySeller(1);
    const outcome = await connect(owner, "ebay", username);
    if (!outcome.ok) throw new Error(outcome.message);
    const before = await connectionRow(outcome.connectionId);
    await sandbox.control("POST", "/_control/faults", { marketplace: "ebay", kind: "expire_tokens" });
    await adapterFor("ebay").fetchOrders(sessionFor(before), null, null);
    const after = await connectionRow(outcome.connectionId);
    expect(after.accessTokenEnc).not.toBe(before.accessTokenEnc);
    expect(after.refreshTokenEnc).toBe(before.refreshTokenEnc);
    expect(after.status).toBe("active");
  });

  it("a revoked refresh token moves the connection to needs reconnect and emails each owner once", async () => {
    const owner = await newOrgMember("owner");
    await addMember(owner.orgId, "manager");
    const secondOwner = await addMember(owner.orgId, "owner");
    const shop = await etsyShop(1);
    const outcome = await connect(owner, "etsy", shop.shopName);
    if (!outcome.ok) throw new Error(outcome.message);

    await sandbox.control("POST", `/_control/etsy/shops/${shop.shop_id}/revoke-tokens`);
    const row = await connectionRow(outcome.connectionId);
    await expect(adapterFor("etsy").fetchOrders(sessionFor(row), null, null)).rejects.toBeInstanceOf(AuthExpired);
    // Syncs that keep trying do not send more emails.
    await expect(adapterFor("etsy").fetchOrders(sessionFor(row), null, null)).rejects.toBeInstanceOf(AuthExpired);
    await expect(adapterFor("etsy").fetchOrders(sessionFor(await connectionRow(row.id)), null, null)).rejects.toBeInstanceOf(AuthExpired);

    const after = await connectionRow(outcome.connectionId);
    expect(after.status).toBe("needs_reconnect");
    expect(after.lastError).toMatch(/Reconnect/);
    const emails = await db.select().from(emailOutbox).where(and(eq(emailOutbox.orgId, owner.orgId), eq(emailOutbox.template, "connection-needs-reconnect")));
    expect(emails.map((e) => e.to).sort()).toEqual([owner.email, secondOwner.email].sort());
    expect(emails[0]?.subject).toContain(shop.shopName);
    expect(emails.map((e) => `${e.html}${e.text}`).join("")).not.toMatch(/Bearer|access_token/);
  });

  it("reconnecting restores the same connection", async () => {
    const owner = await newOrgMember("owner");
    const shop = await etsyShop(1);
    const first = await connect(owner, "etsy", shop.shopName);
    if (!first.ok) throw new Error(first.message);
    await sandbox.control("POST", `/_control/etsy/shops/${shop.shop_id}/revoke-tokens`);
    await expect(adapterFor("etsy").fetchOrders(sessionFor(await connectionRow(first.connectionId)), null, null)).rejects.toBeInstanceOf(AuthExpired);
    expect((await connectionRow(first.connectionId)).status).toBe("needs_reconnect");

    const again = await connect(owner, "etsy", shop.shopName, { connectionId: first.connectionId });
    expect(again).toMatchObject({ ok: true, connectionId: first.connectionId, reconnected: true });
    const row = await connectionRow(first.connectionId);
    expect(row).toMatchObject({ status: "active", lastError: null, reconnectEmailedAt: null });
    await expect(adapterFor("etsy").fetchOrders(sessionFor(row), null, null)).resolves.toBeTruthy();
    const audits = await db.select().from(auditEvents).where(and(eq(auditEvents.orgId, owner.orgId), eq(auditEvents.action, "connection.reconnected")));
    expect(audits).toHaveLength(1);
  });

  it("reconnecting with a different shop is refused and changes nothing", async () => {
    const owner = await newOrgMember("owner");
    const shop = await etsyShop(1);
    const other = await etsyShop(1);
    const first = await connect(owner, "etsy", shop.shopName);
    if (!first.ok) throw new Error(first.message);
    const outcome = await connect(owner, "etsy", other.shopName, { connectionId: first.connectionId });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.message).toMatch(/this connection is for/);
    expect(await db.select().from(marketplaceConnections).where(eq(marketplaceConnections.orgId, owner.orgId))).toHaveLength(1);
  });
});

describe("disconnecting", () => {
  it("deletes the tokens, stops syncing and keeps the order history", async () => {
    const owner = await newOrgMember("owner");
    const username = await ebaySeller(1);
    const outcome = await connect(owner, "ebay", username);
    if (!outcome.ok) throw new Error(outcome.message);
    await db.insert(orders).values({
      orgId: owner.orgId,
      connectionId: outcome.connectionId,
      externalId: "ORDER-1",
      orderNumber: "ORDER-1",
      status: "PAID",
      placedAt: new Date(),
      externalUpdatedAt: new Date(),
      currency: "USD",
      totalMinor: 1000,
    });

    await disconnectConnection(owner, outcome.connectionId);
    const row = await connectionRow(outcome.connectionId);
    expect(row).toMatchObject({ status: "disabled", accessTokenEnc: null, refreshTokenEnc: null, tokenKeyId: null });
    expect(row.disconnectedAt).toBeInstanceOf(Date);
    expect(await db.select().from(orders).where(eq(orders.connectionId, outcome.connectionId))).toHaveLength(1);
    await expect(sessionFor(row).accessToken()).rejects.toBeInstanceOf(AuthExpired);
    const audits = await db.select().from(auditEvents).where(and(eq(auditEvents.orgId, owner.orgId), eq(auditEvents.action, "connection.removed")));
    expect(audits).toHaveLength(1);

    // Connecting it again brings the same connection back.
    const again = await connect(owner, "ebay", username, { connectionId: outcome.connectionId });
    expect(again).toMatchObject({ ok: true, connectionId: outcome.connectionId });
  });
});
