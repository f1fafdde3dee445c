import { z } from "zod";
import { env } from "@/lib/env";
import { Invalid, NotFound } from "@/lib/errors";
import type { components } from "../generated/ebay-sell-inventory-v1";
import { marketplaceFetch } from "../http";
import { requestTokens } from "../oauth";
import { must, tokenSession } from "../session";
import { PushInterrupted, timedCall, type ApiSession, type ListingWithItems, type MarketplaceAdapter, type Page, type PushObserver, type PushRequest, type PushResult, type ShopIdentity } from "../types";
import { ebayBudget, ebayFulfillmentClient, ebayInventoryClient, type EbayInventoryClient } from "./client";
import { ebayPriceQuantityRequests, mapEbayInventoryItem } from "./map-inventory";
import { readListingsCursor, writeListingsCursor, type ListingsCursor } from "./listings-cursor";
import { mapEbayOrder } from "./map-order";
import { getApiAccessRules, getEndedListings, getMyeBaySelling, getOutOfStockControl } from "./trading/calls";
import { isTradingKey } from "./trading/keys";
import { mapTradingItem } from "./trading/map-listing";
import { pushTradingQuantities } from "./trading/push";
import { zeroStockDecision, type ZeroStockContext } from "./zero-stock";

const SCOPE_BASE = "https://api.ebay.com/oauth/api_scope";
export const EBAY_SCOPES = [SCOPE_BASE, `${SCOPE_BASE}/sell.inventory`, `${SCOPE_BASE}/sell.fulfillment`, `${SCOPE_BASE}/sell.account.readonly`, `${SCOPE_BASE}/commerce.identity.readonly`];
const ITEMS_PAGE = 100;
const ORDERS_PAGE = 100;
const FIRST_SYNC_DAYS = 30;
const OFFER_LOOKUP_CONCURRENCY = 4;

// The Commerce Identity API is not among the vendored OpenAPI files; zod validates the two fields we read.
// Since 26 September 2025 eBay may send some apps the immutable user id in place of the username.
const identityUser = z.object({ userId: z.string().min(1).optional(), username: z.string().min(1).optional() }).refine((u) => u.userId || u.username);

const tokenUrl = () => `${env().EBAY_API_BASE}/identity/v1/oauth2/token`;
const basicAuth = () => `Basic ${Buffer.from(`${env().EBAY_CLIENT_ID}:${env().EBAY_CLIENT_SECRET}`).toString("base64")}`;

export const ebayAdapter: MarketplaceAdapter = {
  marketplace: "ebay",

  // eBay has no PKCE; redirect_uri is the RuName, which eBay maps to our registered callback URL.
  authorizeUrl({ state }) {
    const url = new URL(env().EBAY_AUTH_URL);
    url.search = new URLSearchParams({ client_id: env().EBAY_CLIENT_ID, redirect_uri: env().EBAY_RU_NAME, response_type: "code", scope: EBAY_SCOPES.join(" "), state }).toString();
    return { url: url.toString(), codeVerifier: null };
  },

  exchangeCode({ code }) {
    return requestTokens({
      marketplace: "ebay",
      url: tokenUrl(),
      headers: { authorization: basicAuth() },
      form: { grant_type: "authorization_code", code, redirect_uri: env().EBAY_RU_NAME },
      grant: "code",
      requestedScopes: EBAY_SCOPES,
      defaultRefreshTtlSeconds: null,
    });
  },

  // eBay keeps the same refresh token (18 months); the answer carries no new one.
  refresh(refreshToken, scopes) {
    return requestTokens({
      marketplace: "ebay",
      url: tokenUrl(),
      headers: { authorization: basicAuth() },
      form: { grant_type: "refresh_token", refresh_token: refreshToken, scope: (scopes.length ? scopes : EBAY_SCOPES).join(" ") },
      grant: "refresh",
      requestedScopes: scopes,
      defaultRefreshTtlSeconds: null,
    });
  },

  async identity(accessToken): Promise<ShopIdentity> {
    const fetcher = marketplaceFetch({ marketplace: "ebay", budget: ebayBudget(), session: tokenSession(accessToken) });
    const response = await fetcher(new Request(`${env().EBAY_API_BASE}/commerce/identity/v1/user/`, { headers: { accept: "application/json" } }));
    const parsed = identityUser.safeParse(await response.json().catch(() => null));
    if (!parsed.success) throw new Invalid("eBay did not tell us which account was connected. Try connecting again.");
    // Keyed by the immutable user id (usernames can change or be withheld); the username is for display.
    const { userId, username } = parsed.data;
    return { externalId: userId ?? username ?? "", externalUserId: userId ?? null, name: username ?? userId ?? "" };
  },

  // Both listing models behind one connection: Inventory-API items first, then Seller Hub
  // listings through the Trading API (lib/marketplaces/ebay/listings-cursor.ts).
  async fetchListings(session, cursor): Promise<Page<ListingWithItems>> {
    const at = readListingsCursor(cursor);
    if (at.phase === "trading") return fetchSellerHubListings(session, at);
    if (at.phase === "ended") return fetchEndedSellerHubListings(session, at);
    if (at.page === 0) await refreshChannelPreferences(session);
    const client = ebayInventoryClient(session);
    // getInventoryItems' offset is a page number, not a record offset.
    const pageNumber = at.page;
    const page = must(await client.GET("/inventory_item", { params: { query: { limit: String(ITEMS_PAGE), offset: String(pageNumber) } } }), "getInventoryItems");
    const items = page.inventoryItems ?? [];
    const listings = await mapLimit(items, OFFER_LOOKUP_CONCURRENCY, async (item) => mapEbayInventoryItem(item, item.sku ? await offersFor(client, item.sku) : []));
    const seen = (pageNumber + 1) * ITEMS_PAGE;
    const inventoryListingIds = [...at.inventoryListingIds, ...listings.flatMap((l) => (/^\d+$/.test(l.externalId) ? [l.externalId] : []))];
    const next = items.length > 0 && seen < (page.total ?? 0) ? { phase: "inventory" as const, page: pageNumber + 1, inventoryListingIds } : { phase: "trading" as const, page: 1, inventoryListingIds };
    return { items: listings, nextCursor: writeListingsCursor(next), total: page.total };
  },

  async fetchOrders(session, since, cursor) {
    const offset = cursor ? Number(cursor) : 0;
    // eBay refuses a filter that starts in the future ("Start and end dates can't be in the future"), e.g. after clock skew.
    const from = new Date(Math.min((since ?? new Date(Date.now() - FIRST_SYNC_DAYS * 24 * 3600 * 1000)).getTime(), Date.now() - 1000));
    const page = must(
      await ebayFulfillmentClient(session).GET("/order", {
        params: { query: { filter: `lastmodifieddate:[${from.toISOString()}..]`, limit: String(ORDERS_PAGE), offset: String(offset) } },
      }),
      "getOrders",
    );
    const orders = page.orders ?? [];
    const next = offset + orders.length;
    return { items: orders.map(mapEbayOrder), nextCursor: orders.length > 0 && next < (page.total ?? 0) ? String(next) : null, total: page.total };
  },

  async fetchOrder(session, externalId) {
    return mapEbayOrder(must(await ebayFulfillmentClient(session).GET("/order/{orderId}", { params: { path: { orderId: externalId } } }), "getOrder"));
  },

  // Each item goes through the API of the model its listing was made with: eBay refuses
  // the other (lib/marketplaces/ebay/trading/keys.ts). Neither sends 0 to a listing that would end.
  async pushQuantities(session, items, observer = {}) {
    const zero = await zeroStockContext(session);
    const trading = items.filter((i) => isTradingKey(i.externalId));
    const inventory = items.filter((i) => !isTradingKey(i.externalId));
    const results: PushResult[] = [];
    if (inventory.length > 0) results.push(...(await pushInventoryQuantities(session, inventory, zero, observer)));
    try {
      if (trading.length > 0) results.push(...(await pushTradingQuantities(session, trading, zero, observer)));
    } catch (err) {
      // The Inventory-model writes above are done whatever happened to the Seller Hub ones.
      if (err instanceof PushInterrupted) throw new PushInterrupted([...results, ...err.results], err.inFlight, err.reason);
      throw new PushInterrupted(results, [], err);
    }
    return results;
  },
};

async function pushInventoryQuantities(session: ApiSession, requested: PushRequest[], zero: ZeroStockContext, observer: PushObserver): Promise<PushResult[]> {
  const results: PushResult[] = [];
  const items: PushRequest[] = [];
  const heldAtOne = new Set<string>();
  for (const request of requested) {
    const decision = zeroStockDecision(request.quantity, zero);
    if ("refuse" in decision) results.push({ externalId: request.externalId, ok: false, error: decision.refuse });
    else {
      if (decision.heldAtOne) heldAtOne.add(request.externalId);
      items.push({ ...request, quantity: decision.send });
    }
  }
  const client = ebayInventoryClient(session);
  const withOffers = await mapLimit(items, OFFER_LOOKUP_CONCURRENCY, async (request) => ({
    request,
    offerIds: request.externalOfferId ? [request.externalOfferId] : (await offersFor(client, request.externalId)).flatMap((o) => (o.offerId ? [o.offerId] : [])),
  }));
  for (const batch of ebayPriceQuantityRequests(withOffers)) {
    let sent;
    await observer.sending?.(batch.flatMap((r) => (r.sku ? [r.sku] : [])));
    try {
      sent = await timedCall(async () =>
        must(await client.POST("/bulk_update_price_quantity", { params: { header: { "Content-Type": "application/json" } }, body: { requests: batch } }), "bulkUpdatePriceQuantity"),
      );
    } catch (err) {
      // Earlier batches are written; this one may or may not be.
      throw new PushInterrupted(results, batch.flatMap((r) => (r.sku ? [r.sku] : [])), err);
    }
    const responses = sent.value.responses ?? [];
    for (const request of batch) {
      const mine = responses.filter((r) => r.sku === request.sku);
      const failed = mine.find((r) => (r.statusCode ?? 500) >= 300);
      const quantity = request.shipToLocationAvailability?.quantity ?? 0;
      const externalId = request.sku ?? "";
      if (mine.length === 0) results.push({ externalId, ok: false, error: "eBay did not report on this item." });
      else if (failed) results.push({ externalId, ok: false, error: failed.errors?.[0]?.message ?? `eBay refused the update (HTTP ${failed.statusCode}).` });
      // 0 is only sent with out-of-stock control on (hidden until restocked) or when the seller chose to end the listing.
      else results.push({ externalId, ok: true, enabled: quantity > 0, written: sent.window, ...(heldAtOne.has(externalId) ? { shows: 1 } : {}) });
    }
  }
  return results;
}

async function zeroStockContext(session: ApiSession): Promise<ZeroStockContext> {
  const policy = await session.channelPolicy?.();
  return { outOfStockControl: policy?.outOfStockControl ?? null, policy: policy?.zeroStock ?? "ask" };
}

const PREFERENCES_MAX_AGE_MS = 24 * 3600_000;

/** The seller's out-of-stock control setting and the app's Trading usage, read at connect (first poll) and daily. */
async function refreshChannelPreferences(session: ApiSession): Promise<void> {
  if (!session.channelPolicy || !session.onChannelPreferences) return;
  const { preferencesCheckedAt } = await session.channelPolicy();
  if (preferencesCheckedAt && Date.now() - preferencesCheckedAt.getTime() < PREFERENCES_MAX_AGE_MS) return;
  const [outOfStockControl, apiUsage] = await Promise.all([getOutOfStockControl(session), getApiAccessRules(session)]);
  await session.onChannelPreferences({ outOfStockControl, apiUsage });
}

async function fetchSellerHubListings(session: ApiSession, at: ListingsCursor): Promise<Page<ListingWithItems>> {
  const page = await getMyeBaySelling(session, at.page);
  const inventoryModel = new Set(at.inventoryListingIds);
  // GetMyeBaySelling lists Inventory-model listings too; they were read through the Inventory API.
  const listings = page.items.filter((item) => !inventoryModel.has(item.ItemID)).map(mapTradingItem);
  const next: ListingsCursor = at.page < page.totalPages ? { ...at, page: at.page + 1 } : { ...at, phase: "ended", page: 1 };
  return { items: listings, nextCursor: writeListingsCursor(next), total: page.total };
}

const ENDED_WINDOW_DAYS = 7;

/**
 * Seller Hub listings that ended lately (sold out without out-of-stock control, or ended
 * by the seller) drop out of the active list. They are reported with no items: the
 * listing shows as ended, and what its items last showed is left as it was (an ended
 * listing says nothing about the seller's stock).
 */
async function fetchEndedSellerHubListings(session: ApiSession, at: ListingsCursor): Promise<Page<ListingWithItems>> {
  const page = await getEndedListings(session, at.page, ENDED_WINDOW_DAYS);
  const inventoryModel = new Set(at.inventoryListingIds);
  const listings = page.items
    .filter((item) => !inventoryModel.has(item.ItemID) && item.SellingStatus?.ListingStatus !== "Active")
    .map((item) => ({ ...mapTradingItem(item), state: "ENDED", items: [] }));
  return { items: listings, nextCursor: at.page < page.totalPages ? writeListingsCursor({ ...at, page: at.page + 1 }) : null, total: page.total };
}

async function offersFor(client: EbayInventoryClient, sku: string): Promise<components["schemas"]["EbayOfferDetailsWithAll"][]> {
  try {
    const page = must(await client.GET("/offer", { params: { query: { sku } } }), "getOffers");
    return page.offers ?? [];
  } catch (err) {
    // eBay answers 404 for a SKU that has no offer yet.
    if (err instanceof NotFound) return [];
    throw err;
  }
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      out[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

