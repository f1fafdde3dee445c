import { env } from "@/lib/env";
import { Invalid } from "@/lib/errors";
import type { MarketplaceAdapter } from "../types";
import { createShopifyAdapter, type ShopifyAdapter } from "./adapter";
import { shopifySettingsOf } from "./location";
import { isShopDomain } from "./shop-domain";

// Stockroom's Shopify app: the adapter configured from the environment, built on first use
// (env() must not be read while modules load: `next build` evaluates them without secrets).
// `shopifyAdapter` is the same adapter behind the shared MarketplaceAdapter interface, whose
// `account` is the shop's myshopify domain (a Shopify app is installed per shop).

let app: ShopifyAdapter | undefined;

export function shopifyApp(): ShopifyAdapter {
  app ??= createShopifyAdapter({
    apiKey: env().SHOPIFY_API_KEY,
    apiSecret: env().SHOPIFY_API_SECRET,
    apiBase: (shop) => env().SHOPIFY_API_BASE.replace("{shop}", shop),
    settings: shopifySettingsOf,
  });
  return app;
}

function shopOf(account: string | undefined): string {
  if (!isShopDomain(account)) throw new Invalid("Enter your store's myshopify.com address first.", { shop: "Not a myshopify.com domain." });
  return account;
}

export const shopifyAdapter: MarketplaceAdapter = {
  marketplace: "shopify",
  authorizeUrl: ({ state, redirectUri, account }) => shopifyApp().authorizeUrl({ state, redirectUri, shop: shopOf(account) }),
  verifyCallback: (params, expectedState) => {
    const check = shopifyApp().verifyCallback(params, expectedState);
    return check.ok ? { ok: true, account: check.shop } : check;
  },
  exchangeCode: ({ code, account }) => shopifyApp().exchangeCode({ code, shop: shopOf(account) }),
  refresh: (refreshToken, scopes) => shopifyApp().refresh(refreshToken, scopes),
  identity: (accessToken, account) => shopifyApp().identity(accessToken, shopOf(account)),
  fetchListings: (session, cursor) => shopifyApp().fetchListings(session, cursor),
  fetchItems: (session, externalOfferIds) => shopifyApp().fetchItems(session, externalOfferIds),
  fetchOrders: (session, since, cursor) => shopifyApp().fetchOrders(session, since, cursor),
  fetchOrder: (session, externalId) => shopifyApp().fetchOrder(session, externalId),
  pushQuantities: (session, items, observer) => shopifyApp().pushQuantities(session, items, observer),
};
