"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormState } from "@/lib/tenancy/form-state";
import { signUpAction } from "../actions";

export function SignUpForm({ next, email, joining = false }: { next?: string; email?: string; joining?: boolean }) {
  const [state, action] = useActionState<FormState, FormData>(signUpAction, {});
  const v = state.values;
  const f = state.fieldErrors;
  return (
    <form
      // The organization's time zone starts as this browser's (Settings can change it).
      action={(formData: FormData) => {
        formData.set("timezone", Intl.DateTimeFormat().resolvedOptions().timeZone);
        return action(formData);
      }}
      className="space-y-4"
      noValidate
    >
      <FormError message={state.error && !f ? state.error : undefined} />
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <Field label="Your name" name="name" autoComplete="name" required defaultValue={v?.name} error={f?.name} />
      <Field label="Email" name="email" type="email" autoComplete="email" required defaultValue={v?.email ?? email} error={f?.email} />
      <Field label="Password" name="password" type="password" autoComplete="new-password" required minLength={10} hint="At least 10 characters." error={f?.password} />
      {joining ? null : (
        <Field label="Organization name" name="organization" autoComplete="organization" required defaultValue={v?.organization} hint="Your shop or business; you can invite others to it." error={f?.organization} />
      )}
      <SubmitButton className="w-full">Create account</SubmitButton>
    </form>
  );
}
