import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import type { Role } from "@/db/schema";
import { currentUser } from "@/lib/auth/session";
import type { OrgContext } from "./context";
import { errorFormState, formValues, parseForm, type FormState } from "./form-state";
import { orgContextForUser, type Actor } from "./resolve";

type Handler<S extends z.ZodType, R> = (ctx: OrgContext, input: z.infer<S>) => Promise<R>;

/**
 * The gate for server actions: session -> organization -> role -> zod-parsed FormData.
 * Use with useActionState: `const [state, action] = useActionState(myAction, {})`.
 */
export function orgAction<S extends z.ZodType, R>(schema: S, minRole: Role, fn: Handler<S, R>) {
  return async (_prev: FormState<R>, formData: FormData): Promise<FormState<R>> => {
    return runOrgAction(await currentUser(), schema, minRole, fn, formData);
  };
}

/** orgAction without the Next session lookup, so the gate itself is testable. The session's user row is passed on, not read again. */
export async function runOrgAction<S extends z.ZodType, R>(userId: Actor | null, schema: S, minRole: Role, fn: Handler<S, R>, formData: FormData): Promise<FormState<R>> {
  const values = formValues(formData);
  if (!userId) return { error: "Your session has ended. Sign in again.", values };
  try {
    const ctx = await orgContextForUser(userId, minRole);
    const parsed = parseForm(schema, formData);
    if ("state" in parsed) return parsed.state;
    return { ok: true, data: await fn(ctx, parsed.data) };
  } catch (err) {
    unstable_rethrow(err);
    return errorFormState(err, values);
  }
}
