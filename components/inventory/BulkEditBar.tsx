"use client";
import { useState } from "react";
import { readChange } from "./StockEditCell";
import type { StockChange } from "./types";

export function BulkEditBar({ count, onApply, onClear }: { count: number; onApply: (c: StockChange) => void; onClear: () => void }) {
  const [mode, setMode] = useState<"set" | "delta">("delta");
  const [value, setValue] = useState("");
  const [reason, setReason] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      aria-label="Edit selected products"
      className="flex flex-wrap items-end gap-2 rounded-lg border border-indigo-200 bg-indigo-50 p-3 text-sm"
      onSubmit={(e) => {
        e.preventDefault();
        const c = readChange(mode, value, reason.trim());
        if (typeof c === "string") return setProblem(c);
        setProblem(null);
        onApply(c);
        setValue("");
      }}
    >
      <strong className="mr-2 self-center">{count} selected</strong>
      <label className="flex flex-col text-xs font-medium">
        Change
        <select
          value={mode}
          onChange={(e) => setMode(e.target.value === "set" ? "set" : "delta")}
          className="rounded border border-gray-300 px-1 py-1 text-sm font-normal"
        >
          <option value="delta">Adjust by ±</option>
          <option value="set">Set to</option>
        </select>
      </label>
      <label className="flex flex-col text-xs font-medium">
        {mode === "set" ? "New on hand" : "Amount"}
        <input
          inputMode="numeric"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          className="w-20 rounded border border-gray-300 px-1 py-1 text-sm font-normal"
        />
      </label>
      <label className="flex flex-col text-xs font-medium">
        Reason (optional)
        <input
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={200}
          className="rounded border border-gray-300 px-1 py-1 text-sm font-normal"
        />
      </label>
      <button
        type="submit"
        className="rounded bg-indigo-600 px-3 py-1 font-medium text-white hover:bg-indigo-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
      >
        Apply to {count}
      </button>
      <button type="button" onClick={onClear} className="rounded px-3 py-1 hover:bg-white focus-visible:outline-2 focus-visible:outline-indigo-600">
        Clear selection
      </button>
      {problem ? (
        <p role="alert" className="w-full text-xs text-red-700">
          {problem}
        </p>
      ) : null}
    </form>
  );
}
