import { expect, test } from "@playwright/test";
import { signUp } from "./support";

const sandboxUrl = `http://localhost:${process.env.E2E_SANDBOX_PORT ?? 4110}`;

test("a page on another origin of the same site cannot change stock with a text/plain form", async ({ page }) => {
  await signUp(page);
  const appOrigin = new URL(page.url()).origin;
  // The sandbox runs on another localhost port: same site, other origin, so the Lax session cookie rides along.
  await page.goto(sandboxUrl);
  const status = await page.evaluate(async (target) => {
    const res = await fetch(target, { method: "POST", mode: "no-cors", credentials: "include", headers: { "content-type": "text/plain" }, body: '{"productId":"00000000-0000-4000-8000-000000000000","set":0}' });
    return res.type; // opaque: the browser sent it; what the server did shows below
  }, `${appOrigin}/api/inventory/adjust`);
  expect(status).toBe("opaque");
  const form = await page.evaluate((target) => {
    const f = document.createElement("form");
    f.method = "POST";
    f.action = target;
    f.enctype = "text/plain";
    const i = document.createElement("input");
    i.name = '{"productId":"00000000-0000-4000-8000-000000000000","set":0,"x":"';
    i.value = '"}';
    f.appendChild(i);
    document.body.appendChild(f);
    f.submit();
    return true;
  }, `${appOrigin}/api/inventory/adjust`);
  expect(form).toBe(true);
  await page.waitForURL(/\/api\/inventory\/adjust/);
  expect(await page.locator("body").textContent()).toMatch(/did not come from Stockroom/);

  // The same request from our own origin, as JSON, reaches the handler (404: no such product).
  const own = await page.request.post(`${appOrigin}/api/inventory/adjust`, { headers: { origin: appOrigin }, data: { productId: "00000000-0000-4000-8000-000000000000", set: 0 } });
  expect(own.status()).toBe(404);
  const plain = await page.request.post(`${appOrigin}/api/inventory/adjust`, { headers: { origin: appOrigin, "content-type": "text/plain" }, data: '{"productId":"x","set":0}' });
  expect(plain.status()).toBe(415);
});

test("responses carry the security headers, and pages run under a nonce CSP", async ({ page }) => {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy|Refused to/.test(m.text())) errors.push(m.text());
  });
  const res = await page.goto("/sign-up");
  const h = res?.headers() ?? {};
  expect(h["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(h["x-frame-options"]).toBe("DENY");
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(h["strict-transport-security"]).toBeUndefined(); // APP_URL is http here
  // The page works under the policy: the form hydrates and submits, and nothing was refused.
  await signUp(page);
  expect(errors).toEqual([]);
  const api = await page.request.get("/api/health");
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");
});

test("an unsigned call to /api/inngest without Inngest configured is a clear 404, not a 500", async ({ request }) => {
  const res = await request.post("/api/inngest", { data: { hello: "world" } });
  expect(res.status()).toBe(404);
  expect((await res.json()).error.message).toMatch(/Inngest is not configured/);
});
