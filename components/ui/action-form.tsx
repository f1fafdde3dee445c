"use client";

import { useActionState } from "react";
import type { FormState } from "@/lib/tenancy/form-state";
import { SubmitButton } from "./submit-button";

type Action<T> = (prev: FormState<T>, formData: FormData) => Promise<FormState<T>>;

/** A small one-button form (row actions) that shows the action's error beside it. */
export function ActionForm<T>({
  action,
  hidden,
  submitLabel,
  variant = "secondary",
  children,
  confirm,
}: {
  action: Action<T>;
  hidden: Record<string, string>;
  submitLabel: string;
  variant?: "primary" | "secondary" | "danger";
  children?: React.ReactNode;
  confirm?: string;
}) {
  const [state, formAction] = useActionState<FormState<T>, FormData>(action, {});
  return (
    <form
      action={formAction}
      className="flex flex-wrap items-center gap-2"
      onSubmit={(e) => {
        if (confirm && !window.confirm(confirm)) e.preventDefault();
      }}
    >
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {children}
      <SubmitButton variant={variant} className="px-3 py-1.5">
        {submitLabel}
      </SubmitButton>
      {state.error ? (
        <p role="alert" className="w-full text-sm text-red-600">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
