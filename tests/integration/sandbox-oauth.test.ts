import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSandbox, type RunningSandbox } from "@/sandbox/app";
import {
  connectEbay,
  connectEtsy,
  ebayAuthorizeParams,
  ebayDefaults,
  ebayTokenCall,
  etsyApiKey,
  etsyAuthorizeParams,
  etsyDefaults,
  etsyTokenCall,
  pkcePair,
  submitConsent,
} from "@/sandbox/testing";

// OAuth as the real providers do it: PKCE checks, one-time codes, expiring access tokens,
// Etsy refresh-token rotation, revocation when the seller changes their password.

let sb: RunningSandbox;
let userId: number;

beforeAll(async () => {
  sb = await startSandbox({ port: 0 });
});
afterAll(() => sb.close());

beforeEach(async () => {
  await fetch(`${sb.url}/_control/reset`, { method: "POST" });
  const shop = (await (await fetch(`${sb.url}/_control/etsy/shops`, { method: "POST", body: JSON.stringify({ shop_name: "OAuthShop", listings: 1 }) })).json()) as { user_id: number; shop_id: number };
  userId = shop.user_id;
  await fetch(`${sb.url}/_control/ebay/sellers`, { method: "POST", body: JSON.stringify({ username: "oauth_seller", items: 1 }) });
});

const getMe = (token: string) => fetch(`${sb.url}/etsy/v3/application/users/me`, { headers: { "x-api-key": etsyApiKey, authorization: `Bearer ${token}` } });
const advance = (seconds: number) => fetch(`${sb.url}/_control/clock`, { method: "POST", body: JSON.stringify({ advance_seconds: seconds }) });

async function etsyCode(): Promise<{ code: string; verifier: string; state: string | null }> {
  const { verifier, challenge } = pkcePair();
  const location = await submitConsent(sb.url, "/etsy/oauth/connect", etsyAuthorizeParams(challenge, "s-42"), String(userId));
  return { code: location.searchParams.get("code") ?? "", verifier, state: location.searchParams.get("state") };
}

const exchange = (code: string, verifier: string) =>
  etsyTokenCall(sb.url, { grant_type: "authorization_code", client_id: etsyDefaults.keystring, redirect_uri: etsyDefaults.redirectUri, code, code_verifier: verifier });

describe("Etsy OAuth", () => {
  it("the consent page has a Shop select and Allow/Deny buttons; Deny redirects with access_denied", async () => {
    const params = etsyAuthorizeParams(pkcePair().challenge);
    const page = await (await fetch(`${sb.url}/etsy/oauth/connect?${params}`)).text();
    expect(page).toContain('<label for="account">Shop</label>');
    expect(page).toContain("OAuthShop");
    expect(page).toMatch(/>Allow access</);
    expect(page).toMatch(/>Deny</);
    const denied = await submitConsent(sb.url, "/etsy/oauth/connect", params, String(userId), "deny");
    expect(denied.searchParams.get("error")).toBe("access_denied");
    expect(denied.searchParams.get("state")).toBe("state-1");
  });

  it("an unregistered redirect_uri is refused on the consent page, not redirected", async () => {
    const params = etsyAuthorizeParams(pkcePair().challenge);
    params.set("redirect_uri", "https://evil.example/cb");
    const res = await fetch(`${sb.url}/etsy/oauth/connect?${params}`, { redirect: "manual" });
    expect(res.status).toBe(400);
  });

  it("PKCE: only S256 is accepted, and a wrong verifier fails the exchange", async () => {
    const params = etsyAuthorizeParams(pkcePair().challenge);
    params.set("code_challenge_method", "plain");
    const res = await fetch(`${sb.url}/etsy/oauth/connect?${params}`, { redirect: "manual" });
    expect(res.status).toBe(302);
    expect(new URL(res.headers.get("location") ?? "").searchParams.get("error")).toBe("invalid_request");
    const { code, state } = await etsyCode();
    expect(state).toBe("s-42");
    const bad = await exchange(code, "not-the-verifier-at-all-not-the-verifier-at-all");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: "invalid_grant" });
  });

  it("a code works once: reusing it is invalid_grant", async () => {
    const { code, verifier } = await etsyCode();
    const first = await exchange(code, verifier);
    expect(first.status).toBe(200);
    const tokens = (await first.json()) as { access_token: string; refresh_token: string; expires_in: number; token_type: string };
    expect(tokens.access_token).toMatch(new RegExp(`^${userId}\\.`));
    expect(tokens).toMatchObject({ expires_in: 3600, token_type: "Bearer" });
    const again = await exchange(code, verifier);
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: "invalid_grant" });
  });

  it("the token endpoint checks a keystring:secret x-api-key when sent, and client_id", async () => {
    const { code, verifier } = await etsyCode();
    const wrongSecret = await fetch(`${sb.url}/etsy/v3/public/oauth/token`, {
      method: "POST",
      headers: { "x-api-key": `${etsyDefaults.keystring}:nope` },
      body: new URLSearchParams({ grant_type: "authorization_code", client_id: etsyDefaults.keystring, redirect_uri: etsyDefaults.redirectUri, code, code_verifier: verifier }),
    });
    expect(wrongSecret.status).toBe(403);
    const wrongClient = await etsyTokenCall(sb.url, { grant_type: "authorization_code", client_id: "other", redirect_uri: etsyDefaults.redirectUri, code, code_verifier: verifier });
    expect(wrongClient.status).toBe(401);
  });

  it("an access token expires after an hour; refresh rotates and the old refresh token stops working", async () => {
    const tokens = await connectEtsy(sb.url, userId);
    expect((await getMe(tokens.access_token)).status).toBe(200);
    await advance(3601);
    const expired = await getMe(tokens.access_token);
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual({ error: "invalid_token" });
    const refreshed = await etsyTokenCall(sb.url, { grant_type: "refresh_token", client_id: etsyDefaults.keystring, refresh_token: tokens.refresh_token });
    expect(refreshed.status).toBe(200);
    const next = (await refreshed.json()) as { access_token: string; refresh_token: string };
    expect(next.refresh_token).not.toBe(tokens.refresh_token);
    expect((await getMe(next.access_token)).status).toBe(200);
    const reuse = await etsyTokenCall(sb.url, { grant_type: "refresh_token", client_id: etsyDefaults.keystring, refresh_token: tokens.refresh_token });
    expect(reuse.status).toBe(400);
    expect(await reuse.json()).toMatchObject({ error: "invalid_grant" });
  });

  it("a token without an operation's scope gets 403", async () => {
    const { verifier, challenge } = pkcePair();
    const params = etsyAuthorizeParams(challenge);
    params.set("scope", "shops_r");
    const location = await submitConsent(sb.url, "/etsy/oauth/connect", params, String(userId));
    const res = await exchange(location.searchParams.get("code") ?? "", verifier);
    const narrow = (await res.json()) as { access_token: string };
    expect((await getMe(narrow.access_token)).status).toBe(200);
    const shops = (await (await fetch(`${sb.url}/_control/etsy/shops`)).json()) as { shop_id: number }[];
    const receipts = await fetch(`${sb.url}/etsy/v3/application/shops/${shops[0].shop_id}/receipts`, { headers: { "x-api-key": etsyApiKey, authorization: `Bearer ${narrow.access_token}` } });
    expect(receipts.status).toBe(403);
  });

  it("a seller revoking access kills access and refresh tokens", async () => {
    const tokens = await connectEtsy(sb.url, userId);
    const shops = (await (await fetch(`${sb.url}/_control/etsy/shops`)).json()) as { shop_id: number }[];
    expect((await fetch(`${sb.url}/_control/etsy/shops/${shops[0].shop_id}/revoke-tokens`, { method: "POST" })).status).toBe(204);
    expect((await getMe(tokens.access_token)).status).toBe(401);
    const refresh = await etsyTokenCall(sb.url, { grant_type: "refresh_token", client_id: etsyDefaults.keystring, refresh_token: tokens.refresh_token });
    expect(await refresh.json()).toEqual({ error: "invalid_grant", error_description: "refresh_token is revoked" });
  });
});

describe("eBay OAuth", () => {
  const identity = (token: string) => fetch(`${sb.url}/ebay/commerce/identity/v1/user/`, { headers: { authorization: `Bearer ${token}` } });

  it("consent lists accounts and redirects to the RuName's URL with code and state", async () => {
    const page = await (await fetch(`${sb.url}/ebay/oauth2/authorize?${ebayAuthorizeParams()}`)).text();
    expect(page).toContain('<label for="account">Account</label>');
    const location = await submitConsent(sb.url, "/ebay/oauth2/authorize", ebayAuthorizeParams("st"), "oauth_seller");
    expect(`${location.origin}${location.pathname}`).toBe("http://localhost:3000/api/connections/ebay/callback");
    expect(location.searchParams.get("state")).toBe("st");
    expect(location.searchParams.get("code")).toMatch(/^v\^1\.1#/);
    const bad = ebayAuthorizeParams();
    bad.set("redirect_uri", "http://localhost:3000/api/connections/ebay/callback");
    expect((await fetch(`${sb.url}/ebay/oauth2/authorize?${bad}`)).status).toBe(400);
  });

  it("the token call needs Basic client credentials; codes are single use; refresh keeps the refresh token", async () => {
    const location = await submitConsent(sb.url, "/ebay/oauth2/authorize", ebayAuthorizeParams(), "oauth_seller");
    const code = location.searchParams.get("code") ?? "";
    const form = { grant_type: "authorization_code", code, redirect_uri: ebayDefaults.ruName };
    expect((await ebayTokenCall(sb.url, form, "Basic bm9wZTpub3Bl")).status).toBe(401);
    const ok = await ebayTokenCall(sb.url, form);
    const tokens = (await ok.json()) as { access_token: string; refresh_token: string; expires_in: number; refresh_token_expires_in: number };
    expect(tokens).toMatchObject({ expires_in: 7200, refresh_token_expires_in: 47304000 });
    expect((await ebayTokenCall(sb.url, form)).status).toBe(400);
    await advance(7201);
    expect((await identity(tokens.access_token)).status).toBe(401);
    const refreshed = await ebayTokenCall(sb.url, { grant_type: "refresh_token", refresh_token: tokens.refresh_token, scope: ebayDefaults.scopes.join(" ") });
    const next = (await refreshed.json()) as { access_token: string; refresh_token?: string };
    expect(next.refresh_token).toBeUndefined();
    expect((await identity(next.access_token)).status).toBe(200);
    expect((await ebayTokenCall(sb.url, { grant_type: "refresh_token", refresh_token: tokens.refresh_token })).status).toBe(200);
  });

  it("revoking a seller's tokens makes refresh invalid_grant", async () => {
    const tokens = await connectEbay(sb.url, "oauth_seller");
    expect((await fetch(`${sb.url}/_control/ebay/sellers/oauth_seller/revoke-tokens`, { method: "POST" })).status).toBe(204);
    expect((await identity(tokens.access_token)).status).toBe(401);
    const refresh = await ebayTokenCall(sb.url, { grant_type: "refresh_token", refresh_token: tokens.refresh_token });
    expect(refresh.status).toBe(400);
    expect(await refresh.json()).toMatchObject({ error: "invalid_grant" });
  });
});
