import { createHash, createPublicKey, verify, type KeyObject } from "node:crypto";
import { and, eq, inArray, or } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { marketplaceConnections, orders } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { env } from "@/lib/env";
import { AppError, Invalid } from "@/lib/errors";
import { ebayBudget } from "@/lib/marketplaces/ebay/client";
import { marketplaceFetch } from "@/lib/marketplaces/http";
import { requestTokens } from "@/lib/marketplaces/oauth";
import { tokenSession } from "@/lib/marketplaces/session";

// eBay Marketplace Account Deletion, mandatory for production keysets:
// developer.ebay.com/marketplace-account-deletion. eBay checks the endpoint with a
// challenge, then POSTs notices signed in X-EBAY-SIGNATURE (ECDSA; the public key comes
// from the Notification API's getPublicKey and is cached).

export const ebayWebhookUrl = () => `${env().APP_URL}/api/webhooks/ebay`;

/** hex(sha256(challengeCode + verificationToken + endpointURL)), in that order. */
export function ebayChallengeResponse(challengeCode: string): string {
  return createHash("sha256").update(challengeCode).update(env().EBAY_VERIFICATION_TOKEN).update(ebayWebhookUrl()).digest("hex");
}

export class SignatureRejected extends AppError {
  constructor(message: string) {
    super(message, 412, "signature_rejected");
  }
}

const signatureHeader = z.object({ alg: z.string(), kid: z.string().min(1), signature: z.string().min(1), digest: z.string().optional() });
const publicKeyResponse = z.object({ key: z.string().min(1), algorithm: z.string().optional(), digest: z.string().optional() });
const deletionNotice = z.object({
  metadata: z.object({ topic: z.string() }),
  notification: z.object({
    notificationId: z.string().optional(),
    data: z.object({ username: z.string().min(1), userId: z.string().optional(), eiasToken: z.string().optional() }),
  }),
});
export type EbayDeletionNotice = z.infer<typeof deletionNotice>;

const KEY_TTL_MS = 60 * 60 * 1000;
const keyCache = new Map<string, { key: KeyObject; digest: string; until: number }>();
let appToken: { token: string; until: number } | null = null;

/** An eBay application token (client credentials), cached until shortly before it expires. */
export async function applicationToken(): Promise<string> {
  if (appToken && appToken.until > Date.now()) return appToken.token;
  const tokens = await requestTokens({
    marketplace: "ebay",
    url: `${env().EBAY_API_BASE}/identity/v1/oauth2/token`,
    headers: { authorization: `Basic ${Buffer.from(`${env().EBAY_CLIENT_ID}:${env().EBAY_CLIENT_SECRET}`).toString("base64")}` },
    form: { grant_type: "client_credentials", scope: "https://api.ebay.com/oauth/api_scope" },
    grant: "code",
    requestedScopes: ["https://api.ebay.com/oauth/api_scope"],
    defaultRefreshTtlSeconds: null,
  });
  appToken = { token: tokens.accessToken, until: tokens.accessExpiresAt.getTime() - 60_000 };
  return appToken.token;
}

async function publicKey(kid: string): Promise<{ key: KeyObject; digest: string }> {
  const cached = keyCache.get(kid);
  if (cached && cached.until > Date.now()) return cached;
  const fetcher = marketplaceFetch({ marketplace: "ebay", budget: ebayBudget(), session: tokenSession(await applicationToken()) });
  const response = await fetcher(new Request(`${env().EBAY_API_BASE}/commerce/notification/v1/public_key/${encodeURIComponent(kid)}`, { headers: { accept: "application/json" } }));
  const parsed = publicKeyResponse.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw new Invalid("eBay sent an unreadable public key.");
  // eBay sends the PEM on one line; rebuild the DER from the base64 between the markers.
  const der = Buffer.from(parsed.data.key.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, "").replace(/\s+/g, ""), "base64");
  const entry = { key: createPublicKey({ key: der, format: "der", type: "spki" }), digest: parsed.data.digest ?? "SHA1", until: Date.now() + KEY_TTL_MS };
  keyCache.set(kid, entry);
  return entry;
}

/**
 * Verifies a Notification API delivery (any topic) against X-EBAY-SIGNATURE and returns its
 * parsed JSON; throws SignatureRejected (412) for anything unsigned, badly signed or not JSON.
 */
export async function verifyEbaySignature(rawBody: string, signature: string | null): Promise<unknown> {
  if (!signature) throw new SignatureRejected("Missing X-EBAY-SIGNATURE.");
  let header: z.infer<typeof signatureHeader>;
  try {
    header = signatureHeader.parse(JSON.parse(Buffer.from(signature, "base64").toString("utf8")));
  } catch {
    throw new SignatureRejected("X-EBAY-SIGNATURE is not a valid signature header.");
  }
  if (header.alg.toUpperCase() !== "ECDSA") throw new SignatureRejected("Unsupported signature algorithm.");
  const { key, digest } = await publicKey(header.kid);
  const ok = verify(digest.toLowerCase().replace("-", ""), Buffer.from(rawBody, "utf8"), key, Buffer.from(header.signature, "base64"));
  if (!ok) throw new SignatureRejected("The notice signature does not match.");
  try {
    return JSON.parse(rawBody) as unknown;
  } catch {
    throw new SignatureRejected("The notice is not JSON.");
  }
}

/** The topic of a verified notification, to route it. */
export const ebayNoticeTopic = (body: unknown): string | null => z.object({ metadata: z.object({ topic: z.string() }) }).safeParse(body).data?.metadata.topic ?? null;

/** Verifies an account-deletion notice; throws SignatureRejected (412) for anything unsigned, badly signed or malformed. */
export async function verifyEbayNotice(rawBody: string, signature: string | null): Promise<EbayDeletionNotice> {
  return parseDeletionNotice(await verifyEbaySignature(rawBody, signature));
}

export function parseDeletionNotice(body: unknown): EbayDeletionNotice {
  const notice = deletionNotice.safeParse(body);
  if (!notice.success || notice.data.metadata.topic !== "MARKETPLACE_ACCOUNT_DELETION") throw new SignatureRejected("Not a marketplace account deletion notice.");
  return notice.data;
}

/**
 * Deletes what Stockroom holds about an eBay user who closed their account: a seller's
 * connection loses its tokens and identity, and the user's name leaves orders they bought.
 */
export async function deleteEbayUserData(notice: EbayDeletionNotice): Promise<{ connections: number; orders: number }> {
  const { username, userId } = notice.notification.data;
  return db.transaction(async (tx) => {
    // Connections are keyed by the immutable user id; rows made before that change still carry the username.
    const match = userId
      ? or(eq(marketplaceConnections.externalId, userId), eq(marketplaceConnections.externalId, username), eq(marketplaceConnections.externalUserId, userId))
      : eq(marketplaceConnections.externalId, username);
    const conns = await tx.select().from(marketplaceConnections).where(and(eq(marketplaceConnections.marketplace, "ebay"), match));
    const now = new Date();
    for (const c of conns) {
      await tx
        .update(marketplaceConnections)
        .set({
          status: "disabled",
          name: "Deleted eBay account",
          externalId: `deleted:${c.id}`,
          externalUserId: null,
          accessTokenEnc: null,
          refreshTokenEnc: null,
          tokenKeyId: null,
          accessExpiresAt: null,
          refreshExpiresAt: null,
          lastError: "The eBay account was closed; its data was deleted as eBay requires.",
          lastErrorAt: now,
          disconnectedAt: now,
          updatedAt: now,
        })
        .where(eq(marketplaceConnections.id, c.id));
      await recordAudit(tx, { orgId: c.orgId, actor: { type: "system" }, action: "connection.account_deleted", target: { type: "connection", id: c.id } });
    }
    const ebayConnections = tx.select({ id: marketplaceConnections.id }).from(marketplaceConnections).where(eq(marketplaceConnections.marketplace, "ebay"));
    const cleared = await tx
      .update(orders)
      .set({ buyerName: null, raw: null, updatedAt: now })
      .where(and(eq(orders.buyerName, username), inArray(orders.connectionId, ebayConnections)))
      .returning({ id: orders.id });
    return { connections: conns.length, orders: cleared.length };
  });
}
