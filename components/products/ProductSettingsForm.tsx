"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ApiError, fetchJson } from "@/components/ui/fetch-json";

export function ProductSettingsForm({ productId, threshold, reserve, orgDefault }: { productId: string; threshold: number | null; reserve: number; orgDefault: number }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  return (
    <form
      aria-label="Stock settings"
      className="flex flex-wrap items-end gap-3"
      onSubmit={async (e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        setPending(true);
        setErrors({});
        setMessage(null);
        try {
          await fetchJson(`/api/products/${productId}/settings`, { method: "PUT", json: { lowStockThreshold: f.get("lowStockThreshold"), reserve: f.get("reserve") } });
          setMessage("Saved. Channels are updated with the new reserve.");
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
        Low-stock threshold
        <input
          name="lowStockThreshold"
          inputMode="numeric"
          defaultValue={threshold ?? ""}
          placeholder={`Default (${orgDefault})`}
          aria-invalid={errors.lowStockThreshold ? true : undefined}
          aria-describedby="threshold-help"
          className="w-36 rounded border border-gray-300 px-2 py-1 font-normal"
        />
        <span id="threshold-help" className="text-xs font-normal text-gray-600">
          {errors.lowStockThreshold ?? "Empty uses the organization default."}
        </span>
      </label>
      <label className="flex flex-col text-sm font-medium">
        Reserve
        <input
          name="reserve"
          inputMode="numeric"
          defaultValue={reserve}
          aria-invalid={errors.reserve ? true : undefined}
          aria-describedby="reserve-help"
          className="w-28 rounded border border-gray-300 px-2 py-1 font-normal"
        />
        <span id="reserve-help" className="text-xs font-normal text-gray-600">
          {errors.reserve ?? "Held back from every channel."}
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

/** Field messages from our error JSON ({ error: { fields } }). */
export function fieldErrors(body: unknown): Record<string, string> {
  if (typeof body !== "object" || !body || !("error" in body)) return {};
  const e = body.error;
  if (typeof e !== "object" || !e || !("fields" in e) || typeof e.fields !== "object" || !e.fields) return {};
  return Object.fromEntries(Object.entries(e.fields).map(([k, v]) => [k, String(v)]));
}
