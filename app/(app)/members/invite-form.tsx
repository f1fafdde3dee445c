"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FormError, FormSuccess } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES } from "@/lib/orgs/roles";
import type { FormState } from "@/lib/tenancy/form-state";
import { inviteMemberAction } from "./actions";

export function InviteForm() {
  const [state, action] = useActionState<FormState<string>, FormData>(inviteMemberAction, {});
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormSuccess message={state.data} />
      <FormError message={state.error && !state.fieldErrors ? state.error : undefined} />
      <div className="flex flex-wrap items-start gap-4">
        <Field className="min-w-64 flex-1" label="Email to invite" name="email" type="email" required defaultValue={state.ok ? "" : state.values?.email} error={state.fieldErrors?.email} />
        <div>
          <label htmlFor="invite-role" className="block text-sm font-medium text-gray-700">
            Role
          </label>
          <select id="invite-role" name="role" defaultValue={state.values?.role ?? "manager"} className="mt-1 block rounded-md border border-gray-300 px-3 py-2 text-sm">
            {[...ROLES].reverse().map((r) => (
              <option key={r} value={r} title={ROLE_DESCRIPTIONS[r]}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
          {state.fieldErrors?.role ? <p className="mt-1 text-sm text-red-600">{state.fieldErrors.role}</p> : null}
        </div>
      </div>
      <SubmitButton>Send invitation</SubmitButton>
    </form>
  );
}
