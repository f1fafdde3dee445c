import { unstable_rethrow } from "next/navigation";
import type { Role } from "@/db/schema";
import { sessionUserId } from "@/lib/auth/session";
import { errorResponse, Unauthorized } from "@/lib/errors";
import type { OrgContext } from "./context";
import { orgContextForUser } from "./resolve";

type RouteContext<P> = { params: Promise<P> };

/** The gate for route handlers: answers JSON errors (401/403/404/...) via errorResponse. */
export function orgRoute<P = Record<string, string>>(
  handler: (req: Request, ctx: OrgContext, params: P) => Promise<Response>,
  opts: { minRole?: Role } = {},
) {
  return async (req: Request, route: RouteContext<P>): Promise<Response> => {
    try {
      const userId = await sessionUserId();
      if (!userId) throw new Unauthorized();
      const ctx = await orgContextForUser(userId, opts.minRole ?? "viewer");
      return await handler(req, ctx, await route.params);
    } catch (err) {
      unstable_rethrow(err);
      return errorResponse(err);
    }
  };
}
