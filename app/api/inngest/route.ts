import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest/functions";
import { env } from "@/lib/env";

const handlers = serve({ client: inngest, functions });

type Handler = (req: Request, ctx: unknown) => Promise<Response>;

// Without a signing key (and outside Inngest's dev mode) nobody may call our functions, and
// serve() would answer an unsigned call with a 500: say plainly that this endpoint is off.
function whenConfigured(handler: Handler): Handler {
  return async (req, ctx) => {
    const e = env();
    if (!e.INNGEST_SIGNING_KEY && !e.INNGEST_DEV) {
      return Response.json(
        { error: { code: "not_configured", message: "Inngest is not configured on this server (INNGEST_SIGNING_KEY is unset); the in-process scheduler runs the jobs." } },
        { status: 404 },
      );
    }
    return handler(req, ctx);
  };
}

export const GET = whenConfigured(handlers.GET as Handler);
export const POST = whenConfigured(handlers.POST as Handler);
export const PUT = whenConfigured(handlers.PUT as Handler);
