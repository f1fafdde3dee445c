"use server";

import { AuthError } from "next-auth";
import { signIn, SignInRefused } from "@/lib/auth";
import { INVALID_CREDENTIALS } from "@/lib/auth/authenticate";
import { safeNextPath } from "@/lib/auth/redirects";
import { signInSchema, signUpSchema } from "@/lib/auth/schemas";
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
  const parsed = parseForm(signUpSchema, formData);
  if ("state" in parsed) return parsed.state;
  const values = formValues(formData);
  try {
    await registerAccount(parsed.data);
  } catch (err) {
    return errorFormState(err, values);
  }
  return signInWithPassword(parsed.data.email, parsed.data.password, formData.get("next"), values);
}
