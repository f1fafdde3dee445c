"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormState } from "@/lib/tenancy/form-state";
import { createOrganizationAction } from "./actions";

export function CreateOrgForm() {
  const [state, action] = useActionState<FormState, FormData>(createOrganizationAction, {});
  return (
    <form action={action} className="space-y-4" noValidate>
      <Field label="Organization name" name="name" required defaultValue={state.values?.name} error={state.fieldErrors?.name} />
      <SubmitButton>Create organization</SubmitButton>
    </form>
  );
}
