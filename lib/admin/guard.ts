import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { notFound, unstable_rethrow } from "next/navigation";
import { cache } from "react";
import type { z } from "zod";
import { requestIp } from "@/lib/auth";
import { sessionUserId } from "@/lib/auth/session";
import { errorResponse, NotFound } from "@/lib/errors";
import { guardJsonRequest } from "@/lib/http/request-guard";
import { errorFormState, formValues, zodFieldErrors, type FormState } from "@/lib/tenancy/form-state";
import { loadActiveAdmin, type AdminContext } from "./context";

// The three gates of the admin area. Each one reads the role and the disabled flag from the
// database on every request (never from the session token), and answers anyone else exactly
// like a page that does not exist: nothing hints that /admin is there.

// Once per request (the layout and the page both ask); a new request reads the database again.
const currentAdmin = cache(async (): Promise<AdminContext | null> => {
  const admin = await loadActiveAdmin(await sessionUserId());
  if (!admin) return null;
  return { ...admin, ip: requestIp(await headers()) };
});

/** For admin pages and the admin layout: the admin, or Next's 404. */
export async function requireAdmin(): Promise<AdminContext> {
  const admin = await currentAdmin();
  if (!admin) notFound();
  return admin;
}

/** FormData as plain input; a repeated field (checkboxes of a bulk action) becomes an array. */
function formInput(formData: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const values = formData.getAll(key).filter((v): v is string => typeof v === "string");
    out[key] = values.length > 1 ? values : (values[0] ?? "");
  }
  return out;
}

type Handler<S extends z.ZodType, R> = (admin: AdminContext, input: z.infer<S>) => Promise<R>;

/**
 * The gate for admin server actions (use with useActionState). The admin check runs before
 * the input is even parsed; a typed error becomes the form's message.
 */
export function adminAction<S extends z.ZodType, R>(schema: S, fn: Handler<S, R>) {
  return async (_prev: FormState<R>, formData: FormData): Promise<FormState<R>> => {
    const admin = await requireAdmin();
    try {
      const parsed = schema.safeParse(formInput(formData));
      if (!parsed.success) return { error: "Check the highlighted fields.", fieldErrors: zodFieldErrors(parsed.error), values: formValues(formData) };
      const data = await fn(admin, parsed.data);
      // Every admin page shows state an action may have changed.
      revalidatePath("/admin", "layout");
      return { ok: true, data };
    } catch (err) {
      unstable_rethrow(err);
      return errorFormState(err, formValues(formData));
    }
  };
}

type RouteContext<P> = { params: Promise<P> };

/** The gate for admin route handlers: anyone but an admin gets a plain 404. */
export function adminRoute<P = Record<string, string>>(handler: (req: Request, admin: AdminContext, params: P) => Promise<Response>) {
  return async (req: Request, route: RouteContext<P>): Promise<Response> => {
    try {
      const admin = await currentAdmin();
      if (!admin) throw new NotFound();
      guardJsonRequest(req);
      return await handler(req, admin, await route.params);
    } catch (err) {
      unstable_rethrow(err);
      return errorResponse(err);
    }
  };
}

/** For detail pages: a malformed id or a missing row is Next's 404, anything else is a bug. */
export async function orNotFound<T>(id: string, valid: (id: string) => boolean, load: (id: string) => Promise<T>): Promise<T> {
  if (!valid(id)) notFound();
  try {
    return await load(id);
  } catch (err) {
    if (err instanceof NotFound) notFound();
    throw err;
  }
}

export const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
