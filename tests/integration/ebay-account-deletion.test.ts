import { createHash, randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { migrateDb } from "@/db/migrate";
import { marketplaceConnections, orders } from "@/db/schema";
import { deleteEbayUserData, ebayChallengeResponse, SignatureRejected, verifyEbayNotice } from "@/lib/connections";
import { GET, POST } from "@/app/api/webhooks/[marketplace]/[[...path]]/route";
import { connectThroughConsent } from "../support/connect";
import { startTestSandbox } from "../support/sandbox";
import { newOrgMember } from "../support/tenants";

// The sandbox sends signed notices as eBay does; this endpoint captures them so the
// test can hand them to our verification exactly as received.
let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
const received: { body: string; signature: string | null }[] = [];
const endpoint = createServer((req, res) => {
  let body = "";
  req.on("data", (c: Buffer) => (body += c.toString()));
  req.on("end", () => {
    received.push({ body, signature: (req.headers["x-ebay-signature"] as string | undefined) ?? null });
    res.writeHead(204).end();
  });
});
let endpointUrl = "";

beforeAll(async () => {
  sandbox = await startTestSandbox();
  await migrateDb();
  await new Promise<void>((resolve) => endpoint.listen(0, "127.0.0.1", resolve));
  endpointUrl = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/api/webhooks/ebay`;
});
afterAll(async () => {
  await sandbox?.close();
  endpoint.closeAllConnections();
  endpoint.close();
});

async function connectedSeller() {
  const owner = await newOrgMember("owner");
  const username = `seller_${randomUUID().slice(0, 8)}`;
  await sandbox.control("POST", "/_control/ebay/sellers", { username, items: 1 });
  const outcome = await connectThroughConsent(owner, "ebay", username);
  if (!outcome.ok) throw new Error(outcome.message);
  return { owner, username, connectionId: outcome.connectionId };
}

async function noticeFor(username: string) {
  const before = received.length;
  await sandbox.control("POST", "/_control/ebay/account-deletion", { username, endpoint: endpointUrl });
  for (let i = 0; i < 50 && received.length === before; i++) await new Promise((r) => setTimeout(r, 20));
  const notice = received[received.length - 1];
  if (!notice || received.length === before) throw new Error("no notice arrived");
  return notice;
}

describe("eBay marketplace account deletion", () => {
  it("answers eBay's challenge with sha256(challengeCode + verificationToken + endpoint)", () => {
    const expected = createHash("sha256").update("abc123" + "stockroom-sandbox-verification-token-0001" + "http://localhost:3000/api/webhooks/ebay").digest("hex");
    expect(ebayChallengeResponse("abc123")).toBe(expected);
  });

  it("the webhook route answers the challenge and refuses an unsigned notice with 412", async () => {
    const challenge = await GET(new Request("http://localhost:3000/api/webhooks/ebay?challenge_code=xyz"));
    expect(challenge.status).toBe(200);
    expect(challenge.headers.get("content-type")).toContain("application/json");
    expect(await challenge.json()).toEqual({ challengeResponse: ebayChallengeResponse("xyz") });
    expect((await GET(new Request("http://localhost:3000/api/webhooks/ebay"))).status).toBe(400);

    const { username, connectionId } = await connectedSeller();
    const { body } = await noticeFor(username);
    const refused = await POST(new Request("http://localhost:3000/api/webhooks/ebay", { method: "POST", body, headers: { "content-type": "application/json" } }));
    expect(refused.status).toBe(412);
    const [row] = await db.select().from(marketplaceConnections).where(eq(marketplaceConnections.id, connectionId));
    expect(row?.status).toBe("active");
  });

  it("a signed notice deletes the seller's tokens and identity and the buyer's name from orders", async () => {
    const { owner, username, connectionId } = await connectedSeller();
    const buyerSide = await connectedSeller();
    await db.insert(orders).values({
      orgId: buyerSide.owner.orgId,
      connectionId: buyerSide.connectionId,
      externalId: `O-${randomUUID()}`,
      orderNumber: "1",
      status: "PAID",
      placedAt: new Date(),
      externalUpdatedAt: new Date(),
      currency: "USD",
      totalMinor: 100,
      buyerName: username,
    });

    const { body, signature } = await noticeFor(username);
    const notice = await verifyEbayNotice(body, signature);
    expect(notice.notification.data.username).toBe(username);
    expect(await deleteEbayUserData(notice)).toEqual({ connections: 1, orders: 1 });

    const [row] = await db.select().from(marketplaceConnections).where(eq(marketplaceConnections.id, connectionId));
    expect(row).toMatchObject({ orgId: owner.orgId, status: "disabled", accessTokenEnc: null, refreshTokenEnc: null, externalUserId: null, name: "Deleted eBay account" });
    expect(row?.externalId).not.toContain(username);
    const buyerOrders = await db.select().from(orders).where(eq(orders.connectionId, buyerSide.connectionId));
    expect(buyerOrders.map((o) => o.buyerName)).toEqual([null]);
  });

  it.each([
    ["unsigned", (n: { body: string; signature: string | null }) => ({ body: n.body, signature: null })],
    ["garbage signature header", (n: { body: string; signature: string | null }) => ({ body: n.body, signature: "bm90IGpzb24=" })],
    ["tampered body", (n: { body: string; signature: string | null }) => ({ body: n.body.replace(/"username":"[^"]+"/, '"username":"someone_else"'), signature: n.signature })],
  ])("a %s notice is refused and deletes nothing", async (_name, mangle) => {
    const { connectionId, username } = await connectedSeller();
    const forged = mangle(await noticeFor(username));
    const err = await verifyEbayNotice(forged.body, forged.signature).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SignatureRejected);
    expect((err as SignatureRejected).status).toBe(412);
    const [row] = await db.select().from(marketplaceConnections).where(eq(marketplaceConnections.id, connectionId));
    expect(row?.status).toBe("active");
  });
});
