import type { z } from "zod";
import { AppError } from "@/lib/errors";

/** What every form action returns; `values` echoes what was typed so nothing is lost on an error. */
export type FormState<T = unknown> = {
  ok?: true;
  data?: T;
  error?: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
};

const SECRET_FIELD = /password|token|secret/i;

/** The submitted text fields, minus secrets and Next's internal action fields. */
export function formValues(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of formData.entries()) {
    if (typeof v === "string" && !k.startsWith("$ACTION") && !SECRET_FIELD.test(k)) out[k] = v;
  }
  return out;
}

export function formInput(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of formData.entries()) if (typeof v === "string" && !k.startsWith("$ACTION")) out[k] = v;
  return out;
}

export function zodFieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    out[key] ??= issue.message;
  }
  return out;
}

/** An AppError becomes a message for the form; anything else is a bug and is rethrown. */
export function errorFormState(err: unknown, values?: Record<string, string>): FormState<never> {
  if (err instanceof AppError) return { error: err.message, fieldErrors: err.fields, values };
  throw err;
}

/** Parses FormData with schema; returns either the data or the form state to show. */
export function parseForm<S extends z.ZodType>(schema: S, formData: FormData): { data: z.infer<S> } | { state: FormState<never> } {
  const parsed = schema.safeParse(formInput(formData));
  if (parsed.success) return { data: parsed.data };
  const fieldErrors = zodFieldErrors(parsed.error);
  return { state: { error: "Check the highlighted fields.", fieldErrors, values: formValues(formData) } };
}
