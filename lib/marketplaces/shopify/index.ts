// The Shopify channel: everything the registry, routes and sync need, from one place.
export { createShopifyAdapter, shopifyProductionBase, shopifySandboxBase, type ShopifyAdapter, type ShopifyAdapterConfig, type ShopifyConnectionSettings, type ShopifyLocation } from "./adapter";
export { installUrl, queryHmac, verifyCallback, exchangeCode, type CallbackCheck, type ShopifyApp } from "./oauth";
export { isShopDomain, shopDomainFromInput, SHOP_DOMAIN } from "./shop-domain";
export { parseShopifyWebhook, readShopifyWebhook, verifyWebhookHmac, webhookHmac, SHOPIFY_WEBHOOK_TOPICS, type ShopifyEvent, type ShopifyWebhookTopic, type WebhookDelivery } from "./webhooks";
export { SHOPIFY_API_VERSION, SHOPIFY_LABEL, SHOPIFY_SCOPES } from "./version";
