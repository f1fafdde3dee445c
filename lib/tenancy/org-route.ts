import { unstable_rethrow } from "next/navigation";
import type { Role } from "@/db/schema";
import { currentUser } from "@/lib/auth/session";
import { errorResponse, Unauthorized } from "@/lib/errors";
import { guardJsonRequest } from "@/lib/http/request-guard";
import type { OrgContext } from "./context";
import { orgContextForUser, type Actor } from "./resolve";

type RouteHandler<P> = (req: Request, ctx: OrgContext, params: P) => Promise<Response>;
type RouteOptions = { minRole?: Role };

/**
 * The gate for route handlers: a state-changing request must be same-origin JSON (403/415),
 * then session -> organization -> role, then the handler; errors answer as JSON
 * (400/401/403/404/...) via errorResponse.
 * `export const POST = orgRoute(async (req, ctx, { id }) => ..., { minRole: "manager" })`
 */
export function orgRoute<P = Record<string, string>>(handler: RouteHandler<P>, opts: RouteOptions = {}) {
  return async (req: Request, route: { params: Promise<P> }): Promise<Response> => runOrgRoute(await currentUser(), handler, opts, req, await route.params);
}

/** orgRoute without the Next session lookup, so the gate itself is testable. The session's user row is passed on, not read again. */
export async function runOrgRoute<P>(userId: Actor | null, handler: RouteHandler<P>, opts: RouteOptions, req: Request, params: P): Promise<Response> {
  try {
    guardJsonRequest(req);
    if (!userId) throw new Unauthorized();
    const ctx = await orgContextForUser(userId, opts.minRole ?? "viewer");
    return await handler(req, ctx, params);
  } catch (err) {
    unstable_rethrow(err);
    return errorResponse(err);
  }
}
