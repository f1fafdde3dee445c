import { randomInt } from "node:crypto";
import { startSandbox } from "@/sandbox/app";

// Starts the marketplace sandbox in-process on a free port and points the app's
// marketplace base URLs at it. Call before anything reads env().
export async function startTestSandbox() {
  const appUrl = process.env.APP_URL ?? "http://localhost:3000";
  const sandbox = await startSandbox({
    port: 0,
    config: {
      etsy: { redirectUris: [`${appUrl}/api/connections/etsy/callback`] },
      ebay: { redirectUrl: `${appUrl}/api/connections/ebay/callback` },
      shopify: { redirectUris: [`${appUrl}/api/connections/shopify/callback`] },
    },
  });
  // Sandbox ids restart at the same numbers in every instance, while a shared PostgreSQL
  // keeps the connections of earlier runs and parallel files: start the shop and user
  // counters at a random point so each instance's shops are new to the database.
  for (const kind of ["etsyShop", "etsyUser", "ebayUser"] as const) sandbox.sandbox.state.counters[kind] = randomInt(0, 10_000_000);
  process.env.SANDBOX_URL = sandbox.url;
  const control = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${sandbox.url}${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  };
  return { url: sandbox.url, close: () => sandbox.close(), control };
}
