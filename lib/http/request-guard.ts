import { env } from "@/lib/env";
import { Forbidden, UnsupportedMediaType } from "@/lib/errors";

// Cross-site request forgery from the same site: SameSite=Lax cookies still ride along on a
// form another origin of the same site (another localhost port, a sibling subdomain) posts
// to us, and <form enctype="text/plain"> can fake a JSON body. So every state-changing
// request must come from our own origin, and route handlers that take a body take JSON only
// (a cross-origin page cannot send application/json without a CORS preflight we never grant).

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isStateChanging(req: Request): boolean {
  return !SAFE_METHODS.has(req.method.toUpperCase());
}

/** The request's Origin (or, without one, Sec-Fetch-Site) must be this app's own origin. */
export function assertSameOrigin(req: Request, appUrl: string = env().APP_URL): void {
  const origin = req.headers.get("origin");
  if (origin !== null) {
    if (origin === new URL(appUrl).origin) return;
  } else if (req.headers.get("sec-fetch-site") === "same-origin") {
    return;
  }
  throw new Forbidden("This request did not come from Stockroom's own pages, so it was refused. Open Stockroom and try again there.");
}

/** The body must be declared as JSON. */
export function assertJsonContentType(req: Request): void {
  const type = req.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json") throw new UnsupportedMediaType();
}

/** For JSON route handlers: a state-changing request must be same-origin JSON; reads pass. */
export function guardJsonRequest(req: Request, appUrl?: string): void {
  if (!isStateChanging(req)) return;
  assertSameOrigin(req, appUrl);
  assertJsonContentType(req);
}
