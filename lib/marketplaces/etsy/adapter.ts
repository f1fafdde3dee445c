import { env } from "@/lib/env";
import { Invalid } from "@/lib/errors";
import { pkcePair, requestTokens } from "../oauth";
import { must, tokenSession } from "../session";
import type { ApiSession, ListingWithItems, MarketplaceAdapter, Page, ShopIdentity } from "../types";
import { etsyApiKeyHeader, etsyClient } from "./client";
import { mapEtsyListing } from "./map-listing";
import { mapEtsyReceipt } from "./map-receipt";
import { pushEtsyQuantities } from "./push";

export const ETSY_SCOPES = ["listings_r", "listings_w", "shops_r", "transactions_r", "email_r"];
const PAGE = 100;
// Stockroom sells out a listing by deactivating it, so inactive and sold-out listings
// must be read too, or a restock could never find them again.
const LISTING_STATES = ["active", "inactive", "sold_out"] as const;
const FIRST_SYNC_DAYS = 30;
const REFRESH_TTL_SECONDS = 90 * 24 * 3600;

const tokenUrl = () => `${env().ETSY_API_BASE}/v3/public/oauth/token`;
const shopId = (session: ApiSession) => Number(session.externalId);

export const etsyAdapter: MarketplaceAdapter = {
  marketplace: "etsy",

  authorizeUrl({ state, redirectUri }) {
    const { verifier, challenge } = pkcePair();
    const url = new URL(env().ETSY_CONNECT_URL);
    url.search = new URLSearchParams({
      response_type: "code",
      client_id: env().ETSY_CLIENT_ID,
      redirect_uri: redirectUri,
      scope: ETSY_SCOPES.join(" "),
      state,
      code_challenge: challenge,
      code_challenge_method: "S256",
    }).toString();
    return { url: url.toString(), codeVerifier: verifier };
  },

  exchangeCode({ code, codeVerifier, redirectUri }) {
    if (!codeVerifier) throw new Invalid("Etsy connections need a PKCE verifier. Start the connection again.");
    return requestTokens({
      marketplace: "etsy",
      url: tokenUrl(),
      headers: { "x-api-key": etsyApiKeyHeader() },
      form: { grant_type: "authorization_code", client_id: env().ETSY_CLIENT_ID, redirect_uri: redirectUri, code, code_verifier: codeVerifier },
      grant: "code",
      requestedScopes: ETSY_SCOPES,
      defaultRefreshTtlSeconds: REFRESH_TTL_SECONDS,
    });
  },

  // Etsy rotates the refresh token on every refresh: the caller must store the new one.
  refresh(refreshToken, scopes) {
    return requestTokens({
      marketplace: "etsy",
      url: tokenUrl(),
      headers: { "x-api-key": etsyApiKeyHeader() },
      form: { grant_type: "refresh_token", client_id: env().ETSY_CLIENT_ID, refresh_token: refreshToken },
      grant: "refresh",
      requestedScopes: scopes.length ? scopes : ETSY_SCOPES,
      defaultRefreshTtlSeconds: REFRESH_TTL_SECONDS,
    });
  },

  async identity(accessToken): Promise<ShopIdentity> {
    const client = etsyClient(tokenSession(accessToken));
    const me = must(await client.GET("/v3/application/users/me"), "getMe");
    if (!me.shop_id) throw new Invalid("This Etsy account has no shop yet. Open a shop on Etsy, then connect it.");
    const shop = must(await client.GET("/v3/application/shops/{shop_id}", { params: { path: { shop_id: me.shop_id } } }), "getShop");
    return { externalId: String(me.shop_id), externalUserId: me.user_id ? String(me.user_id) : null, name: shop.shop_name ?? `Etsy shop ${me.shop_id}` };
  },

  async fetchListings(session, cursor): Promise<Page<ListingWithItems>> {
    const { stateIndex, offset } = parseListingCursor(cursor);
    const state = LISTING_STATES[stateIndex] ?? "active";
    const page = must(
      await etsyClient(session).GET("/v3/application/shops/{shop_id}/listings", {
        params: { path: { shop_id: shopId(session) }, query: { state, limit: PAGE, offset, includes: ["Inventory"] } },
      }),
      "getListingsByShop",
    );
    const results = page.results ?? [];
    const more = offset + results.length < (page.count ?? 0) && results.length > 0;
    let nextCursor: string | null = null;
    if (more) nextCursor = `${stateIndex}:${offset + results.length}`;
    else if (stateIndex + 1 < LISTING_STATES.length) nextCursor = `${stateIndex + 1}:0`;
    return { items: results.map(mapEtsyListing), nextCursor, total: page.count };
  },

  async fetchOrders(session, since, cursor) {
    const offset = cursor ? Number(cursor) : 0;
    const from = since ?? new Date(Date.now() - FIRST_SYNC_DAYS * 24 * 3600 * 1000);
    const page = must(
      await etsyClient(session).GET("/v3/application/shops/{shop_id}/receipts", {
        params: {
          path: { shop_id: shopId(session) },
          query: { min_last_modified: Math.floor(from.getTime() / 1000), limit: PAGE, offset, sort_on: "updated", sort_order: "asc" },
        },
      }),
      "getShopReceipts",
    );
    const results = page.results ?? [];
    const next = offset + results.length;
    return { items: results.map(mapEtsyReceipt), nextCursor: results.length > 0 && next < (page.count ?? 0) ? String(next) : null, total: page.count };
  },

  async fetchOrder(session, externalId) {
    const receipt = must(
      await etsyClient(session).GET("/v3/application/shops/{shop_id}/receipts/{receipt_id}", {
        params: { path: { shop_id: shopId(session), receipt_id: Number(externalId) } },
      }),
      "getShopReceipt",
    );
    return mapEtsyReceipt(receipt);
  },

  // Cancellations and refunds leave updated_timestamp alone (github.com/etsy/open-api issues 232, 513, 604),
  // so min_last_modified never returns them: the cancelled receipts of the window are read by their own filter.
  async fetchCancelledOrders(session, since, cursor) {
    const offset = cursor ? Number(cursor) : 0;
    const page = must(
      await etsyClient(session).GET("/v3/application/shops/{shop_id}/receipts", {
        params: {
          path: { shop_id: shopId(session) },
          query: { was_canceled: true, min_created: Math.floor(since.getTime() / 1000), limit: PAGE, offset, sort_on: "created", sort_order: "asc" },
        },
      }),
      "getShopReceipts",
    );
    const results = page.results ?? [];
    const next = offset + results.length;
    return { items: results.map(mapEtsyReceipt), nextCursor: results.length > 0 && next < (page.count ?? 0) ? String(next) : null, total: page.count };
  },

  pushQuantities: pushEtsyQuantities,
};

function parseListingCursor(cursor: string | null): { stateIndex: number; offset: number } {
  if (!cursor) return { stateIndex: 0, offset: 0 };
  const [s, o] = cursor.split(":");
  return { stateIndex: Number(s) || 0, offset: Number(o) || 0 };
}
