"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ApiError, fetchJson } from "@/components/ui/fetch-json";
import { fieldErrors } from "./ProductSettingsForm";

export function ReorderSettingsForm({ productId, reorderPoint, reorderQuantity, threshold }: { productId: string; reorderPoint: number | null; reorderQuantity: number; threshold: number }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  return (
    <form
      aria-label="Reorder settings"
      noValidate
      className="flex flex-wrap items-end gap-3"
      onSubmit={async (e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        setPending(true);
        setErrors({});
        setMessage(null);
        try {
          await fetchJson(`/api/products/${productId}/reorder`, { method: "PUT", json: { reorderPoint: f.get("reorderPoint"), reorderQuantity: f.get("reorderQuantity") } });
          setMessage("Saved.");
          router.refresh();
        } catch (err) {
          const fields = err instanceof ApiError ? fieldErrors(err.body) : {};
          setErrors(Object.keys(fields).length ? fields : { form: err instanceof Error ? err.message : "Could not save." });
        } finally {
          setPending(false);
        }
      }}
    >
      <label className="flex flex-col text-sm font-medium">
        Reorder point
        <input
          name="reorderPoint"
          inputMode="numeric"
          defaultValue={reorderPoint ?? ""}
          placeholder={`Threshold (${threshold})`}
          aria-invalid={errors.reorderPoint ? true : undefined}
          aria-describedby="reorder-point-help"
          className="w-36 rounded border border-gray-300 px-2 py-1 font-normal"
        />
        <span id="reorder-point-help" className={`text-xs font-normal ${errors.reorderPoint ? "text-red-700" : "text-gray-600"}`}>
          {errors.reorderPoint ?? "Listed in To reorder at or below this. Empty uses the low-stock threshold."}
        </span>
      </label>
      <label className="flex flex-col text-sm font-medium">
        Reorder quantity
        <input
          name="reorderQuantity"
          inputMode="numeric"
          defaultValue={reorderQuantity}
          aria-invalid={errors.reorderQuantity ? true : undefined}
          aria-describedby="reorder-quantity-help"
          className="w-28 rounded border border-gray-300 px-2 py-1 font-normal"
        />
        <span id="reorder-quantity-help" className={`text-xs font-normal ${errors.reorderQuantity ? "text-red-700" : "text-gray-600"}`}>
          {errors.reorderQuantity ?? "0 suggests 30 days of sales."}
        </span>
      </label>
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
      >
        {pending ? "Saving…" : "Save"}
      </button>
      <p role="status" className="w-full text-sm">
        {errors.form ? <span className="text-red-700">{errors.form}</span> : message}
      </p>
    </form>
  );
}
