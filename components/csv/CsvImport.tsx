"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { ApiError, fetchJson } from "@/components/ui/fetch-json";
import type { CsvImportPlan, CsvRowError } from "@/lib/inventory/csv";

type Preview = CsvImportPlan & { importId: string };

/** Upload → preview (every change, every invalid row with its line) → apply all or nothing. */
export function CsvImport() {
  const id = useId();
  const qc = useQueryClient();
  const [text, setText] = useState<string | null>(null);
  const [fileName, setFileName] = useState("");
  const [preview, setPreview] = useState<Preview | null>(null);
  const [rejected, setRejected] = useState<CsvRowError[] | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setStatus(null);
    try {
      await fn();
    } catch (e) {
      if (e instanceof ApiError && typeof e.body === "object" && e.body && "rowErrors" in e.body && Array.isArray(e.body.rowErrors)) setRejected(e.body.rowErrors as CsvRowError[]);
      setStatus(e instanceof Error ? e.message : "Something went wrong.");
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby={`${id}-h`} className="space-y-3 rounded-lg border border-gray-200 bg-white p-4">
      <h2 id={`${id}-h`} className="text-lg font-semibold">
        Import stock from CSV
      </h2>
      <p className="text-sm text-gray-600">
        Columns: <code>sku</code> and either <code>on_hand</code> (new stock) or <code>delta</code> (change, e.g. -2); optionally a quantity rule column per channel, as an export names them (<code>max:8</code>, <code>buffer:2</code>,{" "}
        <code>fixed:5</code>, <code>percent:50</code>, <code>dont_sync</code>, <code>none</code>, or empty for the channel&apos;s default). An export from this page works as is.
      </p>
      <label className="flex flex-col text-sm font-medium">
        CSV file
        <input
          type="file"
          accept=".csv,text/csv"
          className="font-normal"
          onChange={async (e) => {
            const f = e.target.files?.[0];
            setPreview(null);
            setRejected(null);
            setStatus(null);
            setFileName(f?.name ?? "");
            setText(f ? await f.text() : null);
          }}
        />
      </label>
      <button
        type="button"
        disabled={!text || busy}
        onClick={() =>
          run(async () => {
            setRejected(null);
            setPreview(await fetchJson<Preview>("/api/inventory/import/preview", { method: "POST", json: { text } }));
          })
        }
        className="rounded border border-gray-300 px-3 py-1 text-sm hover:bg-gray-50 disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        Preview {fileName}
      </button>

      {preview ? (
        <div className="space-y-3">
          <p role="status" className="text-sm">
            {preview.changes.length} change{preview.changes.length === 1 ? "" : "s"},{" "}
            {preview.ruleChanges.length ? `${preview.ruleChanges.length} rule change${preview.ruleChanges.length === 1 ? "" : "s"}, ` : ""}
            {preview.unchanged} unchanged, {preview.errors.length} invalid row
            {preview.errors.length === 1 ? "" : "s"}.
          </p>
          <RowErrors errors={preview.errors} />
          {preview.changes.length ? (
            <table className="min-w-full text-sm">
              <caption className="text-left font-medium">Changes</caption>
              <thead className="text-left text-xs uppercase text-gray-600">
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">SKU</th>
                  <th scope="col">Product</th>
                  <th scope="col">Now</th>
                  <th scope="col">After</th>
                </tr>
              </thead>
              <tbody>
                {preview.changes.map((c) => (
                  <tr key={c.line} className="border-t border-gray-100">
                    <td className="tabular-nums">{c.line}</td>
                    <td className="font-mono text-xs">{c.sku}</td>
                    <td>{c.title}</td>
                    <td className="tabular-nums">{c.before}</td>
                    <td className="tabular-nums font-semibold">
                      {c.after} ({c.delta > 0 ? "+" : ""}
                      {c.delta})
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {preview.ruleChanges.length ? (
            <table className="min-w-full text-sm">
              <caption className="text-left font-medium">Quantity rule changes</caption>
              <thead className="text-left text-xs uppercase text-gray-600">
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">SKU</th>
                  <th scope="col">Channel</th>
                  <th scope="col">Now</th>
                  <th scope="col">After</th>
                </tr>
              </thead>
              <tbody>
                {preview.ruleChanges.map((c) => (
                  <tr key={`${c.line}-${c.connectionId}`} className="border-t border-gray-100">
                    <td className="tabular-nums">{c.line}</td>
                    <td className="font-mono text-xs">{c.sku}</td>
                    <td>{c.channel}</td>
                    <td>{c.before}</td>
                    <td className="font-semibold">{c.after}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <button
            type="button"
            disabled={busy || preview.errors.length > 0 || preview.changes.length + preview.ruleChanges.length === 0}
            onClick={() =>
              run(async () => {
                const r = await fetchJson<{ changed: number; rulesChanged: number }>("/api/inventory/import/apply", { method: "POST", json: { importId: preview.importId, text } });
                setPreview(null);
                const rules = r.rulesChanged ? `, ${r.rulesChanged} quantity rule${r.rulesChanged === 1 ? "" : "s"} changed` : "";
                setStatus(`Imported: ${r.changed} product${r.changed === 1 ? "" : "s"} updated${rules}. Channels are being updated.`);
                await qc.invalidateQueries({ queryKey: ["inventory"] });
              })
            }
            className="rounded bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
          >
            Apply import
          </button>
          {preview.errors.length > 0 ? <p className="text-sm text-red-700">Fix the invalid rows and preview again: nothing is imported while any row is invalid.</p> : null}
        </div>
      ) : null}
      {rejected ? <RowErrors errors={rejected} /> : null}
      {status ? (
        <p role="alert" className="text-sm">
          {status}
        </p>
      ) : null}
    </section>
  );
}

function RowErrors({ errors }: { errors: CsvRowError[] }) {
  if (errors.length === 0) return null;
  return (
    <ul aria-label="Invalid rows" className="space-y-1 rounded border border-red-200 bg-red-50 p-2 text-sm text-red-900">
      {errors.map((e) => (
        <li key={`${e.line}-${e.message}`}>
          <strong>Line {e.line}</strong>
          {e.sku ? <span className="font-mono"> ({e.sku})</span> : null}: {e.message}
        </li>
      ))}
    </ul>
  );
}
