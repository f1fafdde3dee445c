"use client";
import { useEffect, useId, useRef, useState } from "react";
import type { StockChange } from "./types";

/** Pure: reads the editor's fields into a change, or says what is wrong. */
export function readChange(mode: "set" | "delta", raw: string, reason: string): StockChange | string {
  const text = raw.trim();
  if (!/^[+-]?\d+$/.test(text)) return "Enter a whole number.";
  const n = Number(text);
  if (mode === "set" && n < 0) return "Stock cannot be negative.";
  if (mode === "delta" && n === 0) return "Enter a change other than 0.";
  return mode === "set" ? { set: n, reason: reason || undefined } : { delta: n, reason: reason || undefined };
}

/**
 * Inline editor for on hand: set a value or adjust by ±n, with an optional reason.
 * Enter saves, Escape cancels and returns focus to the edit button.
 */
export function StockEditCell({ label, onHand, onSave, error }: { label: string; onHand: number; onSave: (c: StockChange) => void; error?: string | null }) {
  const [open, setOpen] = useState(false);
  const [mode, setMode] = useState<"set" | "delta">("set");
  const [value, setValue] = useState(String(onHand));
  const [reason, setReason] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const id = useId();

  useEffect(() => {
    if (open) inputRef.current?.select();
  }, [open]);

  const close = () => {
    setOpen(false);
    setProblem(null);
    buttonRef.current?.focus();
  };
  const submit = () => {
    const c = readChange(mode, value, reason.trim());
    if (typeof c === "string") return setProblem(c);
    onSave(c);
    close();
  };

  if (!open)
    return (
      <div className="flex items-center gap-2">
        <span className="tabular-nums font-semibold">{onHand}</span>
        <button
          ref={buttonRef}
          type="button"
          onClick={() => {
            setValue(String(onHand));
            setMode("set");
            setReason("");
            setOpen(true);
          }}
          className="rounded px-1.5 py-0.5 text-xs text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600"
          aria-label={`Edit stock of ${label}`}
        >
          Edit
        </button>
        {error ? (
          <span role="alert" className="text-xs text-red-700">
            {error}
          </span>
        ) : null}
      </div>
    );

  return (
    <form
      // Wide enough that the reason box is usable inside a table cell; wraps on a phone.
      className="flex min-w-[16rem] max-w-full flex-wrap items-center gap-1"
      aria-label={`Edit stock of ${label}`}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      onKeyDown={(e) => {
        if (e.key === "Escape") close();
      }}
    >
      <label htmlFor={`${id}-mode`} className="sr-only">
        How to change stock
      </label>
      <select
        id={`${id}-mode`}
        value={mode}
        onChange={(e) => setMode(e.target.value === "delta" ? "delta" : "set")}
        className="rounded border border-gray-300 px-1 py-0.5 text-sm"
      >
        <option value="set">Set to</option>
        <option value="delta">Adjust by ±</option>
      </select>
      <label htmlFor={`${id}-value`} className="sr-only">
        {mode === "set" ? "New on hand" : "Change in stock"}
      </label>
      <input
        id={`${id}-value`}
        ref={inputRef}
        inputMode="numeric"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        className="w-16 rounded border border-gray-300 px-1 py-0.5 text-sm tabular-nums"
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-problem` : undefined}
      />
      <label htmlFor={`${id}-reason`} className="sr-only">
        Reason (optional)
      </label>
      <input
        id={`${id}-reason`}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        placeholder="Reason (optional)"
        className="min-w-0 flex-1 basis-32 rounded border border-gray-300 px-1 py-0.5 text-sm"
        maxLength={200}
      />
      <button
        type="submit"
        className="rounded bg-indigo-600 px-2 py-0.5 text-sm font-medium text-white hover:bg-indigo-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
      >
        Save
      </button>
      <button type="button" onClick={close} className="rounded px-2 py-0.5 text-sm hover:bg-gray-100 focus-visible:outline-2 focus-visible:outline-indigo-600">
        Cancel
      </button>
      {problem ? (
        <span id={`${id}-problem`} role="alert" className="w-full text-xs text-red-700">
          {problem}
        </span>
      ) : null}
    </form>
  );
}
