"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { ProductPicker } from "@/components/inventory/UnlinkedItems";
import { ApiError, fetchJson } from "@/components/ui/fetch-json";
import { fieldErrors } from "./ProductSettingsForm";

export type BundleLine = { id: string; sku: string; title: string; quantity: number };

/**
 * The components of a bundle, edited as a list: pick products, set how many of each one
 * bundle takes, save. Used on a product page (PUT its bundle) and on an Unlinked listing
 * (POST a new bundle product for it).
 */
export function BundleEditor({
  label,
  endpoint,
  method,
  initial,
  submitLabel,
  savedMessage,
}: {
  label: string;
  endpoint: string;
  method: "PUT" | "POST";
  initial: BundleLine[];
  submitLabel: string;
  savedMessage: string;
}) {
  const id = useId();
  const router = useRouter();
  const qc = useQueryClient();
  const [lines, setLines] = useState<BundleLine[]>(initial);
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const setQuantity = (productId: string, quantity: string) => setLines((ls) => ls.map((l) => (l.id === productId ? { ...l, quantity: Number(quantity) } : l)));
  return (
    <form
      aria-label={label}
      noValidate
      className="space-y-3"
      onSubmit={async (e) => {
        e.preventDefault();
        setPending(true);
        setErrors({});
        setMessage(null);
        try {
          await fetchJson(endpoint, { method, json: { components: lines.map((l) => ({ componentId: l.id, quantity: l.quantity })) } });
          setMessage(savedMessage);
          await qc.invalidateQueries();
          router.refresh();
        } catch (err) {
          const fields = err instanceof ApiError ? fieldErrors(err.body) : {};
          setErrors(Object.keys(fields).length ? fields : { form: err instanceof Error ? err.message : "Could not save." });
        } finally {
          setPending(false);
        }
      }}
    >
      <fieldset aria-describedby={`${id}-components`} aria-invalid={errors.components ? true : undefined} className="space-y-2">
        <legend className="text-sm font-medium">Components</legend>
        {lines.length === 0 ? <p className="text-sm text-gray-600">No components: this product holds its own stock.</p> : null}
        <ul className="space-y-2">
          {lines.map((l) => (
            <li key={l.id} className="flex flex-wrap items-center gap-3 text-sm">
              <label className="flex items-center gap-2">
                <input
                  inputMode="numeric"
                  value={Number.isNaN(l.quantity) ? "" : l.quantity}
                  onChange={(e) => setQuantity(l.id, e.target.value)}
                  aria-label={`Units of ${l.title} per bundle`}
                  className="w-16 rounded border border-gray-300 px-2 py-1 text-right"
                />
                × {l.title} <span className="font-mono text-xs text-gray-600">{l.sku}</span>
              </label>
              <button
                type="button"
                onClick={() => setLines((ls) => ls.filter((x) => x.id !== l.id))}
                className="rounded border border-gray-300 px-2 py-0.5 text-xs hover:bg-gray-50 focus-visible:outline-2 focus-visible:outline-indigo-600"
              >
                Remove<span className="sr-only"> {l.title}</span>
              </button>
            </li>
          ))}
        </ul>
        <ProductPicker
          label="Add a component"
          placeholder="Add a component…"
          disabled={pending}
          onPick={(p) => setLines((ls) => (ls.some((l) => l.id === p.id) ? ls : [...ls, { id: p.id, sku: p.sku, title: p.title, quantity: 1 }]))}
        />
        <p id={`${id}-components`} className={`text-xs ${errors.components ? "text-red-700" : "text-gray-600"}`}>
          {errors.components ?? "A bundle has no stock of its own: it shows as many as its components allow, and a sale of it takes its components."}
        </p>
      </fieldset>
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
      >
        {pending ? "Saving…" : submitLabel}
      </button>
      <p role="status" className="text-sm">
        {errors.form ? <span className="text-red-700">{errors.form}</span> : message}
      </p>
    </form>
  );
}
