"use client";

import { useActionState } from "react";
import { FormError } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormState } from "@/lib/tenancy/form-state";
import { acceptInvitationAction } from "./actions";

export function AcceptInvitationForm({ token, orgName }: { token: string; orgName: string }) {
  const [state, action] = useActionState<FormState, FormData>(acceptInvitationAction, {});
  return (
    <form action={action} className="space-y-4">
      <FormError message={state.error} />
      <input type="hidden" name="token" value={token} />
      <SubmitButton>Join {orgName}</SubmitButton>
    </form>
  );
}
