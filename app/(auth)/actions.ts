"use server";

import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { requestIp, signIn, SignInRefused } from "@/lib/auth";
import { requestPasswordReset, resetPassword } from "@/lib/auth/password-reset";
import { INVALID_CREDENTIALS } from "@/lib/auth/authenticate";
import { isInvitePath, safeNextPath } from "@/lib/auth/redirects";
import { forgotPasswordSchema, inviteeSignUpSchema, resetPasswordSchema, signInSchema, signUpSchema } from "@/lib/auth/schemas";
import { registerAccount } from "@/lib/auth/sign-up";
import { errorFormState, formValues, parseForm, type FormState } from "@/lib/tenancy/form-state";

async function signInWithPassword(email: string, password: string, next: unknown, values: Record<string, string>): Promise<FormState> {
  try {
    // Redirects (throws NEXT_REDIRECT) on success.
    await signIn("credentials", { email, password, redirectTo: safeNextPath(next) });
    return {};
  } catch (err) {
    if (err instanceof SignInRefused) return { error: err.failure.message, values };
    if (err instanceof AuthError) return { error: INVALID_CREDENTIALS, values };
    throw err;
  }
}

export async function signInAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = parseForm(signInSchema, formData);
  if ("state" in parsed) return parsed.state;
  return signInWithPassword(parsed.data.email, parsed.data.password, formData.get("next"), formValues(formData));
}

export async function signUpAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const joining = isInvitePath(safeNextPath(formData.get("next")));
  const parsed = parseForm(joining ? inviteeSignUpSchema : signUpSchema, formData);
  if ("state" in parsed) return parsed.state;
  const values = formValues(formData);
  try {
    await registerAccount(parsed.data);
  } catch (err) {
    return errorFormState(err, values);
  }
  return signInWithPassword(parsed.data.email, parsed.data.password, formData.get("next"), values);
}

export async function forgotPasswordAction(_prev: FormState, formData: FormData): Promise<FormState<string>> {
  const parsed = parseForm(forgotPasswordSchema, formData);
  if ("state" in parsed) return parsed.state;
  await requestPasswordReset(parsed.data.email, requestIp(await headers()));
  // The same answer whether or not the account exists.
  return { ok: true, data: `If an account exists for ${parsed.data.email}, we have emailed it a link to reset the password. The link works for one hour.` };
}

export async function resetPasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = parseForm(resetPasswordSchema, formData);
  if ("state" in parsed) return parsed.state;
  let email: string;
  try {
    ({ email } = await resetPassword(parsed.data.token, parsed.data.password, requestIp(await headers())));
  } catch (err) {
    return errorFormState(err);
  }
  return signInWithPassword(email, parsed.data.password, null, {});
}
