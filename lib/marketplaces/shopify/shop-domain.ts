// A Shopify shop is named by its permanent myshopify domain. Everything that names a shop to
// us (the connect form, the OAuth callback, a webhook header) is checked against Shopify's
// own pattern before it is used in a URL: anything else (evil.com, a.myshopify.com.evil.com,
// user@host, paths) would let a forged request send the seller or our token elsewhere.
// shopify.dev/docs/apps/build/authentication-authorization/access-tokens/authorization-code-grant#step-1-verify-the-installation-request

export const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

export function isShopDomain(value: string | null | undefined): value is string {
  return typeof value === "string" && SHOP_DOMAIN.test(value);
}

/**
 * What a seller may type in the connect form: "northwind", "northwind.myshopify.com" or the
 * https URL of the store's admin domain. Returns the myshopify domain, or null.
 */
export function shopDomainFromInput(input: string): string | null {
  let s = input.trim().toLowerCase();
  s = s.replace(/^https?:\/\//, "").replace(/\/+$/, "");
  if (/^[a-z0-9][a-z0-9-]*$/.test(s)) s = `${s}.myshopify.com`;
  return isShopDomain(s) ? s : null;
}
