"use client";

import { useActionState, type ReactNode } from "react";
import { FormError, FormSuccess } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormState } from "@/lib/tenancy/form-state";

type Props<R> = {
  action: (prev: FormState<R>, formData: FormData) => Promise<FormState<R>>;
  submitLabel: string;
  success: string;
  variant?: "primary" | "secondary" | "danger";
  children?: ReactNode;
  className?: string;
};

/** A form posting to an admin server action, showing its error or success next to the button. */
export function ActionForm<R>({ action, submitLabel, success, variant = "secondary", children, className = "" }: Props<R>) {
  const [state, formAction] = useActionState(action, {});
  const fieldMessages = Object.values(state.fieldErrors ?? {});
  // An action may describe what it did (e.g. how many runs succeeded); otherwise the fixed text.
  const data: unknown = state.data;
  const message = typeof data === "object" && data !== null && "message" in data && typeof data.message === "string" ? data.message : success;
  return (
    <form action={formAction} className={`space-y-2 ${className}`}>
      {children}
      <FormError message={fieldMessages.length ? fieldMessages.join(" ") : state.error} />
      {state.ok ? <FormSuccess message={message} /> : null}
      <SubmitButton variant={variant}>{submitLabel}</SubmitButton>
    </form>
  );
}
