"use client";

import { useEffect, useId, useRef, useState } from "react";
import type { QuantityRuleKind } from "@/db/schema/quantity-rules";
import { RULE_KIND_LABEL } from "@/lib/inventory/rule-label";

type Kind = QuantityRuleKind | "inherit";
const TAKES_VALUE: Kind[] = ["buffer", "max", "fixed", "percent"];

/**
 * The rule's two inputs, `kind` and `value`, for any form that sets one (a channel's default, an
 * item's override, a bulk apply). `inherit` is offered where the channel's default can apply.
 */
export function QuantityRuleFields({
  kind,
  value,
  inherit,
  errors = {},
  label = "Quantity rule",
}: {
  kind: Kind;
  value: number | string | null;
  inherit?: boolean;
  errors?: Record<string, string>;
  label?: string;
}) {
  const id = useId();
  const [chosen, setChosen] = useState<Kind>(kind);
  const select = useRef<HTMLSelectElement>(null);
  // A form action resets its form's fields to their defaults once it returns: follow the select back.
  useEffect(() => {
    const form = select.current?.form;
    const reset = () => setChosen(kind);
    form?.addEventListener("reset", reset);
    return () => form?.removeEventListener("reset", reset);
  }, [kind]);
  const kinds = (Object.keys(RULE_KIND_LABEL) as Kind[]).filter((k) => inherit || k !== "inherit");
  const valued = TAKES_VALUE.includes(chosen);
  return (
    <div className="flex flex-wrap items-end gap-2">
      <div className="flex flex-col text-sm font-medium">
        <label htmlFor={`${id}-kind`}>{label}</label>
        <select
          id={`${id}-kind`}
          ref={select}
          name="kind"
          defaultValue={kind}
          onChange={(e) => setChosen(e.target.value as Kind)}
          aria-invalid={errors.kind ? true : undefined}
          className="rounded border border-gray-300 bg-white px-2 py-1 font-normal"
        >
          {kinds.map((k) => (
            <option key={k} value={k}>
              {RULE_KIND_LABEL[k]}
            </option>
          ))}
        </select>
      </div>
      {valued ? (
        <div className="flex flex-col text-sm font-medium">
          <label htmlFor={`${id}-value`}>{chosen === "percent" ? "Percent" : "Units"}</label>
          <input
            id={`${id}-value`}
            name="value"
            inputMode="numeric"
            defaultValue={value ?? ""}
            aria-invalid={errors.value ? true : undefined}
            aria-describedby={errors.value ? `${id}-error` : undefined}
            className="w-20 rounded border border-gray-300 px-2 py-1 font-normal"
          />
        </div>
      ) : null}
      {errors.value || errors.kind ? (
        <p id={`${id}-error`} className="w-full text-sm text-red-700">
          {errors.value ?? errors.kind}
        </p>
      ) : null}
    </div>
  );
}
