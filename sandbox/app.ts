import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { resolveConfig, type SandboxConfigInput } from "./config";
import { createSandbox, type Sandbox } from "./context";
import * as etsyControl from "./control/etsy";
import * as ebayControl from "./control/ebay";
import * as tradingControl from "./control/ebay-trading";
import * as shopifyControl from "./control/shopify";
import * as system from "./control/system";
import { ebaySellApi } from "./ebay/api";
import { getPublicKey, getUser } from "./ebay/commerce";
import { createDestination, createSubscription, deleteSubscription, getDestinations } from "./ebay/notification";
import { fulfillmentHandlers } from "./ebay/fulfillment";
import { inventoryHandlers } from "./ebay/inventory";
import { tradingApi } from "./ebay/trading/api";
import { etsyApi } from "./etsy/api";
import { homePage } from "./home";
import { json, readBody, writeRes, type Handler, type Res } from "./http";
import { ebayConsentDecision, ebayConsentPage, ebayToken } from "./oauth/ebay";
import { etsyConsentDecision, etsyConsentPage, etsyToken } from "./oauth/etsy";
import { loadState, persistTo } from "./persist";
import { apiHandler } from "./pipeline";
import { Router } from "./router";
import { shopifyGraphql } from "./shopify/graphql";
import { shopifyAccessToken, shopifyConsentDecision, shopifyConsentPage } from "./shopify/oauth";

// The sandbox HTTP app: Etsy under /etsy, eBay under /ebay, Shopify under /shopify/{shop}
// (standing for https://{shop}), the control API under
// /_control, and a small page at / for people trying Stockroom locally.

export type { SandboxConfig } from "./config";

function buildRouter(): Router {
  const r = new Router();
  r.add("GET", "/", homePage);
  // Etsy
  r.add("GET", "/etsy/oauth/connect", etsyConsentPage);
  r.add("POST", "/etsy/oauth/connect", etsyConsentDecision);
  r.add("POST", "/etsy/v3/public/oauth/token", etsyToken);
  // eBay
  r.add("GET", "/ebay/oauth2/authorize", ebayConsentPage);
  r.add("POST", "/ebay/oauth2/authorize", ebayConsentDecision);
  r.add("POST", "/ebay/identity/v1/oauth2/token", ebayToken);
  r.add("GET", "/ebay/commerce/identity/v1/user/", getUser);
  r.add("POST", "/ebay/ws/api.dll", tradingApi);
  r.add("GET", "/ebay/commerce/notification/v1/public_key/{public_key_id}", getPublicKey);
  r.add("POST", "/ebay/commerce/notification/v1/destination", createDestination);
  r.add("GET", "/ebay/commerce/notification/v1/destination", getDestinations);
  r.add("POST", "/ebay/commerce/notification/v1/subscription", createSubscription);
  r.add("DELETE", "/ebay/commerce/notification/v1/subscription/{subscription_id}", deleteSubscription);
  // Shopify: {shop} is the myshopify domain, so /shopify/{shop} stands for https://{shop}.
  r.add("GET", "/shopify/{shop}/admin/oauth/authorize", shopifyConsentPage);
  r.add("POST", "/shopify/{shop}/admin/oauth/authorize", shopifyConsentDecision);
  r.add("POST", "/shopify/{shop}/admin/oauth/access_token", shopifyAccessToken);
  r.add("POST", "/shopify/{shop}/admin/api/{version}/graphql.json", shopifyGraphql);
  // Control
  r.add("POST", "/_control/reset", system.resetRoute);
  r.add("GET", "/_control/stats", system.statsRoute);
  r.add("POST", "/_control/faults", system.addFaultRoute);
  r.add("DELETE", "/_control/faults", system.clearFaultsRoute);
  r.add("POST", "/_control/clock", system.clockRoute);
  r.add("GET", "/_control/webhooks/deliveries", system.deliveriesRoute);
  r.add("GET", "/_control/etsy/shops", etsyControl.listShopsRoute);
  r.add("POST", "/_control/etsy/shops", etsyControl.createShopRoute);
  r.add("POST", "/_control/etsy/shops/{shop_id}/listings", etsyControl.createListingRoute);
  r.add("POST", "/_control/etsy/shops/{shop_id}/sales", etsyControl.saleRoute);
  r.add("POST", "/_control/etsy/shops/{shop_id}/revoke-tokens", etsyControl.revokeEtsyRoute);
  r.add("POST", "/_control/etsy/receipts/{receipt_id}/cancel", etsyControl.cancelReceiptRoute);
  r.add("POST", "/_control/etsy/receipts/{receipt_id}/ship", etsyControl.shipReceiptRoute);
  r.add("POST", "/_control/etsy/receipts/{receipt_id}/deliver", etsyControl.deliverReceiptRoute);
  r.add("POST", "/_control/etsy/receipts/{receipt_id}/refund", etsyControl.refundReceiptRoute);
  r.add("GET", "/_control/etsy/limits", etsyControl.getLimitsRoute);
  r.add("PUT", "/_control/etsy/limits", etsyControl.putLimitsRoute);
  r.add("GET", "/_control/etsy/listings/{listing_id}", etsyControl.getListingRoute);
  r.add("PATCH", "/_control/etsy/listings/{listing_id}", etsyControl.editListingRoute);
  r.add("GET", "/_control/ebay/sellers", ebayControl.listSellersRoute);
  r.add("POST", "/_control/ebay/sellers", ebayControl.createSellerRoute);
  r.add("POST", "/_control/ebay/sellers/{username}/orders", ebayControl.orderRoute);
  r.add("POST", "/_control/ebay/sellers/{username}/revoke-tokens", ebayControl.revokeEbayRoute);
  r.add("POST", "/_control/ebay/orders/{order_id}/cancel", ebayControl.cancelOrderRoute);
  r.add("POST", "/_control/ebay/orders/{order_id}/ship", ebayControl.shipOrderRoute);
  r.add("GET", "/_control/ebay/items/{sku}", ebayControl.getItemRoute);
  r.add("PATCH", "/_control/ebay/items/{sku}", ebayControl.editItemRoute);
  r.add("POST", "/_control/ebay/account-deletion", ebayControl.accountDeletionRoute);
  r.add("POST", "/_control/ebay/sellers/{username}/trading-listings", tradingControl.createTradingListingRoute);
  r.add("PUT", "/_control/ebay/sellers/{username}/preferences", tradingControl.preferencesRoute);
  r.add("GET", "/_control/ebay/trading-listings/{item_id}", tradingControl.getTradingListingRoute);
  r.add("PATCH", "/_control/ebay/trading-listings/{item_id}", tradingControl.editTradingListingRoute);
  r.add("GET", "/_control/shopify/shops", shopifyControl.listShopifyShopsRoute);
  r.add("POST", "/_control/shopify/shops", shopifyControl.createShopifyShopRoute);
  r.add("POST", "/_control/shopify/shops/{domain}/products", shopifyControl.addShopifyProductRoute);
  r.add("POST", "/_control/shopify/shops/{domain}/orders", shopifyControl.shopifyOrderRoute);
  r.add("POST", "/_control/shopify/shops/{domain}/uninstall", shopifyControl.uninstallShopifyRoute);
  r.add("POST", "/_control/shopify/shops/{domain}/privacy", shopifyControl.shopifyPrivacyRoute);
  r.add("POST", "/_control/shopify/orders/{order_id}/cancel", shopifyControl.cancelShopifyOrderRoute);
  r.add("POST", "/_control/shopify/orders/{order_id}/refund", shopifyControl.refundShopifyOrderRoute);
  r.add("GET", "/_control/shopify/inventory/{sku}", shopifyControl.getShopifyInventoryRoute);
  r.add("PATCH", "/_control/shopify/inventory/{sku}", shopifyControl.editShopifyInventoryRoute);
  return r;
}

const apis: { prefix: string; handler: Handler }[] = [
  { prefix: "/etsy/v3/application/", handler: apiHandler(etsyApi) },
  { prefix: "/ebay/sell/inventory/v1/", handler: apiHandler(ebaySellApi("inventory", "ebay-inventory", "/ebay/sell/inventory/v1", inventoryHandlers)) },
  { prefix: "/ebay/sell/fulfillment/v1/", handler: apiHandler(ebaySellApi("fulfillment", "ebay-fulfillment", "/ebay/sell/fulfillment/v1", fulfillmentHandlers)) },
];

const notFound: Handler = (req) => json(404, { error: `No sandbox route for ${req.method} ${req.path}` });

export type RunningSandbox = { url: string; close(): Promise<void>; sandbox: Sandbox };

export async function startSandbox(options: { port?: number; host?: string; config?: SandboxConfigInput } = {}): Promise<RunningSandbox> {
  const config = resolveConfig(options.config);
  const sandbox = createSandbox(config, config.dataFile ? loadState(config.dataFile) : undefined);
  const persistence = config.dataFile ? persistTo(sandbox, config.dataFile) : null;
  if (persistence) sandbox.changed = persistence.changed;
  const router = buildRouter();
  const timers = new Set<NodeJS.Timeout>();

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://sandbox.local");
      const body = await readBody(req);
      const host = req.headers.host ?? "127.0.0.1";
      const base = { method: req.method ?? "GET", path: url.pathname, query: url.searchParams, headers: req.headers, body, params: {}, origin: `http://${host}`, sandbox };
      const api = apis.find((a) => url.pathname.startsWith(a.prefix));
      let out: Res;
      if (api) out = await api.handler(base);
      else {
        const m = router.match(base.method, url.pathname);
        if (m === null) out = await notFound(base);
        else if (m === "method_not_allowed") out = json(405, { error: `Method ${base.method} is not allowed on ${url.pathname}` });
        else out = await m.handler({ ...base, params: m.params });
      }
      if (out.delayMs) {
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, out.delayMs);
          timers.add(t);
          res.on("close", () => {
            clearTimeout(t);
            resolve();
          });
        });
        if (res.destroyed) return;
      }
      writeRes(res, out);
    })().catch((e: unknown) => {
      console.error("[sandbox] request failed", e);
      if (!res.headersSent) writeRes(res, json(500, { error: "Sandbox internal error" }));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${!options.host || ["0.0.0.0", "::"].includes(options.host) ? "127.0.0.1" : options.host}:${port}`,
    sandbox,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        sandbox.webhooks.stop();
        persistence?.flush();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
