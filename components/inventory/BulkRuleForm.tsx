"use client";
import { shopWithMarketplace } from "@/lib/marketplaces/meta";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError, fetchJson } from "@/components/ui/fetch-json";
import { fieldErrors } from "@/components/products/ProductSettingsForm";
import type { ConnectionColumn } from "@/lib/inventory/queries";
import { QuantityRuleFields } from "./QuantityRuleFields";

/** One quantity rule on one channel for every selected product's listings there. */
export function BulkRuleForm({ productIds, connections }: { productIds: string[]; connections: ConnectionColumn[] }) {
  const qc = useQueryClient();
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  if (connections.length === 0) return null;
  return (
    <form
      aria-label="Quantity rule for selected products"
      className="flex flex-wrap items-end gap-2 rounded-lg border border-indigo-200 bg-indigo-50 p-3 text-sm"
      onSubmit={async (e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        setPending(true);
        setErrors({});
        setMessage(null);
        try {
          const r = await fetchJson<{ items: number }>("/api/inventory/bulk-rule", {
            method: "POST",
            json: { productIds, connectionId: f.get("connectionId"), kind: f.get("kind"), value: f.get("value") },
          });
          setMessage(`Rule set on ${r.items} listing${r.items === 1 ? "" : "s"}.`);
          await qc.invalidateQueries({ queryKey: ["inventory"] });
        } catch (err) {
          const fields = err instanceof ApiError ? fieldErrors(err.body) : {};
          setErrors(Object.keys(fields).length ? fields : { form: err instanceof Error ? err.message : "Could not apply the rule." });
        } finally {
          setPending(false);
        }
      }}
    >
      <label className="flex flex-col text-sm font-medium">
        Channel
        <select name="connectionId" className="rounded border border-gray-300 bg-white px-2 py-1 font-normal">
          {connections.map((c) => (
            <option key={c.id} value={c.id}>
              {shopWithMarketplace(c)}
            </option>
          ))}
        </select>
      </label>
      <QuantityRuleFields kind="inherit" value={null} inherit errors={errors} />
      <button type="submit" disabled={pending} className="rounded bg-indigo-600 px-3 py-1 font-medium text-white hover:bg-indigo-700 disabled:opacity-50">
        {pending ? "Applying…" : `Set rule on ${productIds.length}`}
      </button>
      <p role="status" className="w-full text-sm">
        {errors.form ? <span className="text-red-700">{errors.form}</span> : message}
      </p>
    </form>
  );
}
