import { AuthExpired, Invalid, NotFound } from "@/lib/errors";
import type {
  AppUninstallMutation,
  InventoryItemStockQuery,
  InventoryItemStockQueryVariables,
  LocationsQuery,
  LocationsQueryVariables,
  OrderCompleteQuery,
  OrderCompleteQueryVariables,
  OrdersPageQuery,
  OrdersPageQueryVariables,
  PrimaryLocationQuery,
  ProductsPageQuery,
  ProductsPageQueryVariables,
  ProductVariantsPageQuery,
  ProductVariantsPageQueryVariables,
  ShopIdentityQuery,
  VariantStockFragment,
} from "../generated/shopify-admin-2026-04";
import { tokenSession } from "../session";
import type { ApiSession, ListingWithItems, MarketplaceAdapter, OrderData, Page, PushObserver, PushRequest, PushResult, ShopIdentity, Tokens } from "../types";
import { shopifyRequest, type ShopifyCall, type ShopifyEndpoint } from "./client";
import { mapShopifyOrder, orderTruncated, type ShopifyOrderNode } from "./map-order";
import { mapShopifyProduct, mapShopifyVariant } from "./map-product";
import { exchangeCode, installUrl, verifyCallback, type CallbackCheck, type ShopifyApp } from "./oauth";
import { APP_UNINSTALL, INVENTORY_ITEM_STOCK, LOCATIONS, ORDER_COMPLETE, ORDERS_PAGE, PRIMARY_LOCATION, PRODUCT_VARIANTS_PAGE, PRODUCTS_PAGE, SHOP_IDENTITY } from "./operations";
import { pushShopifyQuantities } from "./push";
import { isShopDomain } from "./shop-domain";
import { readShopifyWebhook } from "./webhooks";

// The Shopify channel as Stockroom's MarketplaceAdapter. A connection's externalId is the
// shop's myshopify domain (permanent, and what every call is addressed to); its externalUserId
// the shop's gid. Which location Stockroom manages is a setting of the connection, read
// through `settings` (null: the shop's primary location). Shopify differs from the interface
// in three places, all because a Shopify app is installed per shop: authorizeUrl, exchangeCode
// and identity take the shop's domain.

export type ShopifyConnectionSettings = {
  /** gid://shopify/Location/… the seller chose; null for the shop's primary location. */
  locationId: string | null;
};

export type ShopifyAdapterConfig = ShopifyApp & Omit<ShopifyEndpoint, "apiBase"> & {
  /** The connection's settings (the managed location); default: the primary location. */
  settings?: (session: ApiSession) => Promise<ShopifyConnectionSettings>;
};

export type ShopifyLocation = { id: string; name: string; isActive: boolean; primary: boolean };

export type ShopifyAdapter = Omit<MarketplaceAdapter, "marketplace" | "authorizeUrl" | "verifyCallback" | "exchangeCode" | "identity"> & {
  readonly marketplace: "shopify";
  authorizeUrl(input: { state: string; redirectUri: string; shop: string }): { url: string; codeVerifier: null };
  /** Checks the redirect back from Shopify (hmac, state, shop, timestamp) before its code is used. */
  verifyCallback(query: URLSearchParams, expectedState: string): CallbackCheck;
  exchangeCode(input: { code: string; shop: string }): Promise<Tokens>;
  identity(accessToken: string, shop: string): Promise<ShopIdentity>;
  fetchItems: NonNullable<MarketplaceAdapter["fetchItems"]>;
  /** Removes the app from the store (disconnecting in Stockroom); its token stops working. */
  uninstall(session: ApiSession): Promise<void>;
  /** The shop's active locations, for the seller to pick the one Stockroom manages. */
  locations(session: ApiSession): Promise<ShopifyLocation[]>;
  readWebhook: (headers: Headers, rawBody: string) => ReturnType<typeof readShopifyWebhook>;
};

const PRODUCTS = 30;
const VARIANTS_INLINE = 5;
const VARIANTS_PAGE = 100;
const ORDERS = 10;
/** refunds(first:) in OrdersPage (operations.ts). */
const ORDER_PAGE_REFUNDS = 3;
const FIRST_SYNC_DAYS = 30;
const LOCATION_TTL_MS = 10 * 60_000;

export function createShopifyAdapter(config: ShopifyAdapterConfig): ShopifyAdapter {
  const endpoint: ShopifyEndpoint = { apiBase: config.apiBase, policy: config.policy, maxThrottleRetries: config.maxThrottleRetries };
  const callFor = (session: ApiSession): ShopifyCall => {
    if (!isShopDomain(session.externalId)) throw new Invalid("This Shopify connection has no myshopify.com domain on record. Reconnect the store.");
    return { shop: session.externalId, session, endpoint };
  };
  const primary = new Map<string, { id: string; at: number }>();

  /** The location Stockroom reads and writes: the seller's choice, or the shop's primary one. */
  async function managedLocation(session: ApiSession): Promise<string> {
    const chosen = (await config.settings?.(session))?.locationId ?? null;
    if (chosen) return chosen;
    const cached = primary.get(session.externalId);
    if (cached && Date.now() - cached.at < LOCATION_TTL_MS) return cached.id;
    const data = await shopifyRequest<PrimaryLocationQuery, Record<string, never>>(callFor(session), "PrimaryLocation", PRIMARY_LOCATION, {});
    if (!data.location) throw new Invalid("This Shopify store has no location to keep stock at. Add one in Shopify admin (Settings > Locations).");
    primary.set(session.externalId, { id: data.location.id, at: Date.now() });
    return data.location.id;
  }

  async function remainingVariants(call: ShopifyCall, productId: string, after: string, locationId: string): Promise<VariantStockFragment[]> {
    const out: VariantStockFragment[] = [];
    for (let cursor: string | null = after; cursor; ) {
      const data: ProductVariantsPageQuery = await shopifyRequest<ProductVariantsPageQuery, ProductVariantsPageQueryVariables>(call, "ProductVariantsPage", PRODUCT_VARIANTS_PAGE, { id: productId, first: VARIANTS_PAGE, after: cursor, locationId });
      if (!data.product) break;
      out.push(...data.product.variants.nodes);
      cursor = data.product.variants.pageInfo.hasNextPage ? data.product.variants.pageInfo.endCursor : null;
    }
    return out;
  }

  async function completeOrder(call: ShopifyCall, id: string): Promise<ShopifyOrderNode> {
    const data = await shopifyRequest<OrderCompleteQuery, OrderCompleteQueryVariables>(call, "OrderComplete", ORDER_COMPLETE, { id });
    if (!data.order) throw new NotFound(`Shopify has no order ${id} (deleted, or older than the 60 days Shopify shows apps).`);
    return data.order;
  }

  return {
    marketplace: "shopify",

    authorizeUrl: ({ state, redirectUri, shop }) => ({ url: installUrl(config, { shop, state, redirectUri }), codeVerifier: null }),

    verifyCallback: (query, expectedState) => verifyCallback(config, query, expectedState),

    exchangeCode: ({ code, shop }) => exchangeCode(config, { shop, code }),

    // Offline tokens do not expire and Shopify issues no refresh token: nothing to refresh.
    async refresh() {
      throw new AuthExpired("Shopify offline tokens are not refreshed: the store must be reconnected.");
    },

    async identity(accessToken, shop) {
      const data = await shopifyRequest<ShopIdentityQuery, Record<string, never>>({ shop, session: { ...tokenSession(accessToken), externalId: shop }, endpoint }, "ShopIdentity", SHOP_IDENTITY, {});
      return { externalId: data.shop.myshopifyDomain, externalUserId: data.shop.id, name: data.shop.name, email: data.shop.email };
    },

    async uninstall(session) {
      const data = await shopifyRequest<AppUninstallMutation, Record<string, never>>(callFor(session), "AppUninstall", APP_UNINSTALL, {});
      const problem = data.appUninstall?.userErrors[0];
      if (problem || !data.appUninstall) throw new Invalid(`Shopify did not remove the app: ${problem?.message ?? "no answer"}.`);
    },

    async locations(session) {
      const call = callFor(session);
      const primaryId = (await shopifyRequest<PrimaryLocationQuery, Record<string, never>>(call, "PrimaryLocation", PRIMARY_LOCATION, {})).location?.id ?? null;
      const out: ShopifyLocation[] = [];
      for (let after: string | null = null; ; ) {
        const data: LocationsQuery = await shopifyRequest<LocationsQuery, LocationsQueryVariables>(call, "Locations", LOCATIONS, { first: 50, after });
        out.push(...data.locations.nodes.map((l) => ({ ...l, primary: l.id === primaryId })));
        if (!data.locations.pageInfo.hasNextPage) return out;
        after = data.locations.pageInfo.endCursor;
      }
    },

    async fetchListings(session, cursor): Promise<Page<ListingWithItems>> {
      const call = callFor(session);
      const locationId = await managedLocation(session);
      const data = await shopifyRequest<ProductsPageQuery, ProductsPageQueryVariables>(call, "ProductsPage", PRODUCTS_PAGE, { first: PRODUCTS, after: cursor, variants: VARIANTS_INLINE, locationId });
      const items: ListingWithItems[] = [];
      for (const product of data.products.nodes) {
        const more = product.variants.pageInfo.hasNextPage && product.variants.pageInfo.endCursor ? await remainingVariants(call, product.id, product.variants.pageInfo.endCursor, locationId) : [];
        items.push(mapShopifyProduct(product, [...product.variants.nodes, ...more]));
      }
      const { hasNextPage, endCursor } = data.products.pageInfo;
      return { items, nextCursor: hasNextPage ? endCursor : null };
    },

    // inventory_levels/update names one inventory item: read it at the managed location (one
    // call each), so an edit in Shopify admin is judged without reading the whole store.
    async fetchItems(session, externalOfferIds): Promise<ListingWithItems[]> {
      const call = callFor(session);
      const locationId = await managedLocation(session);
      const byProduct = new Map<string, ListingWithItems>();
      for (const id of externalOfferIds) {
        const data = await shopifyRequest<InventoryItemStockQuery, InventoryItemStockQueryVariables>(call, "InventoryItemStock", INVENTORY_ITEM_STOCK, { id, locationId });
        const variant = data.inventoryItem?.variant;
        if (!variant) continue;
        const listing = byProduct.get(variant.product.id) ?? { ...mapShopifyProduct(variant.product, []) };
        listing.items.push(mapShopifyVariant(variant.product, variant));
        byProduct.set(variant.product.id, listing);
      }
      return [...byProduct.values()];
    },

    // Shopify moves an order's updated_at on every change (cancellation, refund, edit), so one
    // updated-since query sees them all; it is the backstop behind the orders webhooks.
    async fetchOrders(session, since, cursor): Promise<Page<OrderData>> {
      const call = callFor(session);
      const locationId = await managedLocation(session);
      const from = since ?? new Date(Date.now() - FIRST_SYNC_DAYS * 24 * 3600 * 1000);
      const data = await shopifyRequest<OrdersPageQuery, OrdersPageQueryVariables>(call, "OrdersPage", ORDERS_PAGE, { first: ORDERS, after: cursor, query: `updated_at:>='${from.toISOString()}'` });
      const items: OrderData[] = [];
      for (const order of data.orders.nodes) items.push(mapShopifyOrder(orderTruncated(order, ORDER_PAGE_REFUNDS) ? await completeOrder(call, order.id) : order, locationId));
      return { items, nextCursor: data.orders.pageInfo.hasNextPage ? data.orders.pageInfo.endCursor : null };
    },

    async fetchOrder(session, externalId) {
      return mapShopifyOrder(await completeOrder(callFor(session), externalId), await managedLocation(session));
    },

    async pushQuantities(session: ApiSession, items: PushRequest[], observer?: PushObserver): Promise<PushResult[]> {
      return pushShopifyQuantities(callFor(session), await managedLocation(session), items, observer);
    },

    readWebhook: (headers, rawBody) => readShopifyWebhook(config.apiSecret, headers, rawBody),
  };
}

/** Where a shop's Admin API lives in production. */
export const shopifyProductionBase = (shop: string) => `https://${shop}`;

/** Where it lives in the sandbox (`npm run sandbox`): /shopify/{shop} stands for https://{shop}. */
export const shopifySandboxBase = (sandboxUrl: string) => (shop: string) => `${sandboxUrl.replace(/\/+$/, "")}/shopify/${shop}`;
