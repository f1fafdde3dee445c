import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { marketplaceConnections, type MarketplaceConnection } from "@/db/schema";
import { applicationToken, ebayWebhookUrl } from "@/lib/connections/ebay-account-deletion";
import { env } from "@/lib/env";
import { ebayBudget } from "@/lib/marketplaces/ebay/client";
import { assertSuccess, tradingCall } from "@/lib/marketplaces/ebay/trading/transport";
import { marketplaceFetch } from "@/lib/marketplaces/http";
import { tokenSession } from "@/lib/marketplaces/session";
import type { ApiSession } from "@/lib/marketplaces/types";

// Each eBay connection subscribes to ORDER_CONFIRMATION when it connects and unsubscribes when
// it disconnects (Notification API: developer.ebay.com/api-docs/commerce/notification). The
// destination (our /api/webhooks/ebay endpoint) is the app's, created once with an application
// token; subscriptions are the seller's, made with their user token.

const base = () => `${env().EBAY_API_BASE}/commerce/notification/v1`;
const destinations = z.object({ destinations: z.array(z.object({ destinationId: z.string(), deliveryConfig: z.object({ endpoint: z.string() }).optional() })).optional() });

function call(session: ApiSession, method: string, path: string, body?: unknown): Promise<Response> {
  const fetcher = marketplaceFetch({ marketplace: "ebay", budget: ebayBudget(), session });
  return fetcher(new Request(`${base()}${path}`, { method, headers: { accept: "application/json", ...(body ? { "content-type": "application/json" } : {}) }, body: body ? JSON.stringify(body) : undefined }));
}

const idFromLocation = (res: Response) => res.headers.get("location")?.split("/").pop() ?? null;

/** The app's destination for our endpoint, created the first time. */
async function destinationId(): Promise<string> {
  const app = tokenSession(await applicationToken());
  const endpoint = ebayWebhookUrl();
  const listed = destinations.parse(await (await call(app, "GET", "/destination")).json());
  const found = listed.destinations?.find((d) => d.deliveryConfig?.endpoint === endpoint);
  if (found) return found.destinationId;
  const created = await call(app, "POST", "/destination", { name: "Stockroom", status: "ENABLED", deliveryConfig: { endpoint, verificationToken: env().EBAY_VERIFICATION_TOKEN } });
  const id = idFromLocation(created);
  if (!id) throw new Error("eBay created the destination without saying its id.");
  return id;
}

/** Subscribes a connected seller to ORDER_CONFIRMATION (once; a reconnect keeps the subscription it has). */
export async function subscribeEbayOrders(conn: MarketplaceConnection, session: ApiSession): Promise<string> {
  if (conn.notificationSubscriptionId) return conn.notificationSubscriptionId;
  const res = await call(session, "POST", "/subscription", {
    topicId: "ORDER_CONFIRMATION",
    status: "ENABLED",
    destinationId: await destinationId(),
    payload: { format: "JSON", schemaVersion: "1.0", deliveryProtocol: "HTTPS" },
  });
  const id = idFromLocation(res);
  if (!id) throw new Error("eBay created the subscription without saying its id.");
  await db.update(marketplaceConnections).set({ notificationSubscriptionId: id, updatedAt: sql`now()` }).where(eq(marketplaceConnections.id, conn.id));
  return id;
}

/** Deletes the seller's subscription, while the connection still has its token. */
export async function unsubscribeEbayOrders(conn: MarketplaceConnection, session: ApiSession): Promise<void> {
  if (!conn.notificationSubscriptionId) return;
  await call(session, "DELETE", `/subscription/${encodeURIComponent(conn.notificationSubscriptionId)}`);
  await db.update(marketplaceConnections).set({ notificationSubscriptionId: null, updatedAt: sql`now()` }).where(eq(marketplaceConnections.id, conn.id));
}

/**
 * Seller Hub listings' sales come as Trading API platform notifications: the app's delivery URL
 * and the seller's FixedPriceTransaction event, both set with SetNotificationPreferences.
 */
export async function setPlatformNotifications(session: ApiSession, enable: boolean): Promise<void> {
  assertSuccess(
    await tradingCall(session, "SetNotificationPreferences", {
      ...(enable ? { ApplicationDeliveryPreferences: { ApplicationURL: `${env().APP_URL}/api/webhooks/ebay/platform`, ApplicationEnable: "Enable", DeviceType: "Platform" } } : {}),
      UserDeliveryPreferenceArray: { NotificationEnable: [{ EventType: "FixedPriceTransaction", EventEnable: enable ? "Enable" : "Disable" }] },
    }),
    "SetNotificationPreferences",
  );
}

const describe = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * After an eBay connect: subscribe to both; a failure is recorded on the connection (its orders poll stays the backstop).
 * The caller (lib/connections) hands over the connection's session: this module sits below the token handling.
 */
export async function setUpEbayNotifications(conn: MarketplaceConnection, session: ApiSession): Promise<void> {
  if (conn.marketplace !== "ebay") return;
  const problems: string[] = [];
  await subscribeEbayOrders(conn, session).catch((err: unknown) => problems.push(`order notifications: ${describe(err)}`));
  await setPlatformNotifications(session, true).catch((err: unknown) => problems.push(`Seller Hub sale notifications: ${describe(err)}`));
  if (problems.length === 0) return;
  const message = `eBay notifications could not be set up (${problems.join("; ")}); orders are polled instead.`;
  await db.update(marketplaceConnections).set({ lastError: message, lastErrorAt: sql`now()` }).where(eq(marketplaceConnections.id, conn.id));
}

/** Before an eBay disconnect deletes the tokens: unsubscribe from both. Returns what to note in the audit trail when it failed. */
export async function tearDownEbayNotifications(conn: MarketplaceConnection, session: ApiSession): Promise<string | null> {
  if (conn.marketplace !== "ebay" || !conn.accessTokenEnc) return null;
  const problems: string[] = [];
  await unsubscribeEbayOrders(conn, session).catch((err: unknown) => problems.push(`deleting the order subscription: ${describe(err)}`));
  await setPlatformNotifications(session, false).catch((err: unknown) => problems.push(`turning off Seller Hub sale notifications: ${describe(err)}`));
  return problems.length ? `eBay notifications were not all turned off (${problems.join("; ")})` : null;
}
