import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { securityHeaders } from "@/lib/http/security-headers";

// Every response gets the security headers; pages get a fresh CSP nonce, which Next reads
// from the request's Content-Security-Policy header and puts on its own <script> tags.
export function proxy(request: NextRequest) {
  const nonce = btoa(crypto.randomUUID());
  const e = env();
  const headers = securityHeaders({ nonce, dev: e.NODE_ENV !== "production", appUrl: e.APP_URL });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", headers["content-security-policy"]);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Not Next's own static files (hashed, no HTML); everything else, pages and API alike.
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
