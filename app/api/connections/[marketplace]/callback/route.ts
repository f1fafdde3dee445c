import { connectableAccounts } from "@/lib/marketplaces/meta";
import { z } from "zod";
import { MARKETPLACES } from "@/db/schema";
import { sessionUserId } from "@/lib/auth/session";
import { completeConnection } from "@/lib/connections";
import { env } from "@/lib/env";
import { messagePage } from "./message-page";

// The marketplace redirects the seller's browser here after the consent page.
export async function GET(req: Request, route: { params: Promise<{ marketplace: string }> }): Promise<Response> {
  const marketplace = z.enum(MARKETPLACES).safeParse((await route.params).marketplace);
  if (!marketplace.success) return messagePage("Unknown marketplace", `Stockroom connects ${connectableAccounts()} only.`, 404);
  const userId = await sessionUserId();
  if (!userId) return messagePage("Sign in first", "Your session ended before the connection finished. Sign in, then connect the shop again.", 401);
  const outcome = await completeConnection({
    marketplace: marketplace.data,
    userId,
    params: new URL(req.url).searchParams,
    ip: req.headers.get("x-forwarded-for")?.split(",")[0]?.trim() ?? null,
  });
  if (outcome.ok) {
    // returnTo is a validated same-site path; resolving it against APP_URL keeps the redirect on our origin.
    // ?connected= lets the page confirm the connection and show the import's progress.
    const location = new URL(outcome.returnTo, env().APP_URL);
    location.searchParams.set("connected", outcome.connectionId);
    return new Response(null, { status: 303, headers: { location: location.toString() } });
  }
  return messagePage(outcome.cancelled ? "Connection cancelled" : "The shop was not connected", outcome.message, outcome.status);
}
