"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { QuantityRuleFields } from "@/components/inventory/QuantityRuleFields";
import { ApiError, fetchJson } from "@/components/ui/fetch-json";
import type { RuleOverride } from "@/lib/inventory/rule-label";
import { fieldErrors } from "./ProductSettingsForm";

/** One listing's own quantity rule, over its channel's default. */
export function ItemRuleForm({ itemId, own, channelName }: { itemId: string; own: RuleOverride; channelName: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  return (
    <form
      aria-label={`Quantity rule on ${channelName}`}
      className="flex w-full flex-wrap items-end gap-2"
      onSubmit={async (e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        setPending(true);
        setErrors({});
        setMessage(null);
        try {
          await fetchJson(`/api/channel-items/${itemId}/rule`, { method: "PUT", json: { kind: f.get("kind"), value: f.get("value") } });
          setMessage("Saved. The channel is updated.");
          router.refresh();
        } catch (err) {
          const fields = err instanceof ApiError ? fieldErrors(err.body) : {};
          setErrors(Object.keys(fields).length ? fields : { form: err instanceof Error ? err.message : "Could not save." });
        } finally {
          setPending(false);
        }
      }}
    >
      <QuantityRuleFields kind={own.kind ?? "inherit"} value={own.value} inherit errors={errors} label={`Rule on ${channelName}`} />
      <button
        type="submit"
        disabled={pending}
        className="rounded border border-gray-300 bg-white px-3 py-1.5 text-sm font-medium text-gray-800 hover:bg-gray-50 disabled:opacity-50"
      >
        {pending ? "Saving…" : "Save rule"}
      </button>
      <p role="status" className="text-sm">
        {errors.form ? <span className="text-red-700">{errors.form}</span> : message}
      </p>
    </form>
  );
}
