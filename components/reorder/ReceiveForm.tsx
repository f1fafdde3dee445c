"use client";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { fieldErrors } from "@/components/products/ProductSettingsForm";
import { ApiError, fetchJson } from "@/components/ui/fetch-json";

/** Quantity received for one product; the key is kept until a receipt succeeds, so a double submit or a retry counts once. */
export function ReceiveForm({ productId, sku, suggested }: { productId: string; sku: string; suggested: number }) {
  const router = useRouter();
  const id = useId();
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      aria-label={`Received ${sku}`}
      noValidate
      className="flex flex-wrap items-start gap-2"
      onSubmit={async (e) => {
        e.preventDefault();
        if (pending) return;
        const quantity = new FormData(e.currentTarget).get("quantity");
        setPending(true);
        setError(null);
        try {
          await fetchJson("/api/reorder/receive", { method: "POST", json: { productId, quantity, key } });
          setKey(crypto.randomUUID());
          router.refresh();
        } catch (err) {
          const fields = err instanceof ApiError ? fieldErrors(err.body) : {};
          setError(fields.quantity ?? (err instanceof Error ? err.message : "Could not record the receipt."));
        } finally {
          setPending(false);
        }
      }}
    >
      <div className="flex flex-col">
        {/* Named by aria-label, not an sr-only label: that one is absolutely positioned, escapes
            the table's scroll box and makes a phone-width page scroll sideways. */}
        <input
          aria-label={`Quantity received of ${sku}`}
          name="quantity"
          inputMode="numeric"
          defaultValue={suggested}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-e` : undefined}
          className="w-20 rounded border border-gray-300 px-2 py-1"
        />
        {error ? (
          <span id={`${id}-e`} role="alert" className="max-w-48 text-xs text-red-700">
            {error}
          </span>
        ) : null}
      </div>
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-indigo-600 px-3 py-1 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
      >
        {pending ? "Recording…" : "Received"}
      </button>
    </form>
  );
}
