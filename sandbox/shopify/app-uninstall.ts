import type { Sandbox } from "../context";
import { revokeSubject } from "../oauth/tokens";
import type { ShopifyShop } from "./store";
import { restShop, sendShopifyWebhook } from "./webhooks";

// The app leaves a store, whether the merchant removes it in Shopify admin (control API) or the
// app uninstalls itself with the appUninstall mutation: its tokens stop working and Shopify
// sends app/uninstalled. shopify.dev/docs/api/admin-graphql/2026-04/mutations/appUninstall

export function uninstallApp(sb: Sandbox, shop: ShopifyShop): void {
  revokeSubject(sb, "shopify", shop.domain);
  sendShopifyWebhook(sb, shop, "app/uninstalled", restShop(shop));
}

/** The mutation's answer: the app as Shopify describes it, no user errors. */
export function appUninstallPayload(sb: Sandbox, shop: ShopifyShop) {
  uninstallApp(sb, shop);
  return { app: { __typename: "App", id: "gid://shopify/App/1", title: "Stockroom", apiKey: sb.config.shopify.apiKey }, userErrors: [] };
}
