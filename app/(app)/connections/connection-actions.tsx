"use client";

import { useActionState, useState } from "react";
import { FormError, FormSuccess } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { QuantityRuleFields } from "@/components/inventory/QuantityRuleFields";
import { RULE_KIND_LABEL, type QuantityRule } from "@/lib/inventory/rule-label";
import { channelLocationAction, channelRuleAction, disconnectAction, ebayZeroStockAction, rereadLocationsAction, syncNowAction } from "./actions";

export function SyncNowButton({ connectionId }: { connectionId: string }) {
  const [state, action] = useActionState(syncNowAction, {});
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="connectionId" value={connectionId} />
      <SubmitButton variant="secondary">Sync now</SubmitButton>
      <FormError message={state.error} />
      <FormSuccess message={state.ok ? state.data : undefined} />
    </form>
  );
}

export function ReadLocationsButton({ connectionId }: { connectionId: string }) {
  const [state, action] = useActionState(rereadLocationsAction, {});
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="connectionId" value={connectionId} />
      <SubmitButton variant="secondary">Read locations again</SubmitButton>
      <FormError message={state.error} />
      <FormSuccess message={state.ok ? state.data : undefined} />
    </form>
  );
}

export function DisconnectButton({ connectionId, name, note }: { connectionId: string; name: string; note?: string }) {
  const [confirming, setConfirming] = useState(false);
  const [state, action] = useActionState(disconnectAction, {});
  if (!confirming) {
    return (
      <button type="button" onClick={() => setConfirming(true)} className="rounded-md border border-red-300 bg-white px-4 py-2 text-sm font-medium text-red-700 hover:bg-red-50">
        Disconnect
      </button>
    );
  }
  return (
    <form action={action} className="space-y-2 rounded-md border border-red-200 bg-red-50 p-3" aria-label={`Disconnect ${name}`}>
      <input type="hidden" name="connectionId" value={connectionId} />
      <p className="text-sm text-red-800">Disconnect {name}? Syncing stops; orders and stock history are kept. You can connect it again later.{note ? ` ${note}` : ""}</p>
      <div className="flex gap-2">
        <SubmitButton variant="danger">Yes, disconnect</SubmitButton>
        <button type="button" onClick={() => setConfirming(false)} className="rounded-md border border-gray-300 bg-white px-4 py-2 text-sm">
          Keep it
        </button>
      </div>
      <FormError message={state.error} />
    </form>
  );
}

const ZERO_STOCK_CHOICES = [
  { value: "enable_out_of_stock_control", label: "Turn on out-of-stock control in my eBay account", hint: "Sold-out listings are hidden and come back when restocked. Stockroom changes this eBay setting for you." },
  { value: "keep_one", label: "Keep 1 listed and stop at 1", hint: "The listing never ends, but a buyer could order the last one you no longer have." },
  { value: "end", label: "Let eBay end it at 0", hint: "The listing ends and loses its watchers and search rank; after a restock you relist it on eBay yourself." },
] as const;

/** The question eBay's out-of-stock rule raises, answered once per organization. */
export function EbayZeroStockForm({ connectionId, current }: { connectionId: string; current: "ask" | "keep_one" | "end" }) {
  const [state, action] = useActionState(ebayZeroStockAction, {});
  return (
    <form action={action} className="max-w-prose space-y-2 rounded-md border border-amber-200 bg-amber-50 p-3" aria-label="What to do when an eBay listing sells out">
      <input type="hidden" name="connectionId" value={connectionId} />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-amber-900">When something sells out elsewhere, what should Stockroom do on eBay?</legend>
        {ZERO_STOCK_CHOICES.map((c) => (
          <label key={c.value} className="flex gap-2 text-sm">
            <input type="radio" name="choice" value={c.value} defaultChecked={c.value === current} required />
            <span>
              {c.label}
              <span className="block text-gray-600">{c.hint}</span>
            </span>
          </label>
        ))}
        <label className="flex gap-2 text-sm">
          <input type="checkbox" name="confirmed" />
          <span>Yes, Stockroom may turn on out-of-stock control in my eBay account (needed for the first choice).</span>
        </label>
      </fieldset>
      <SubmitButton>Save choice</SubmitButton>
      <FormError message={state.error} />
      <FormSuccess message={state.ok ? state.data : undefined} />
    </form>
  );
}

/** The channel's default quantity rule; a listing's own rule (product page, bulk apply) wins over it. */
export function ChannelRuleForm({ connectionId, name, rule }: { connectionId: string; name: string; rule: QuantityRule }) {
  const [state, action] = useActionState(channelRuleAction, {});
  // After a refused save the fields show what was typed (the action resets the form); after a save, the saved rule.
  const typed = state.error && state.values ? { kind: isRuleKind(state.values.kind) ? state.values.kind : rule.kind, value: state.values.value ?? "" } : null;
  const shown = typed ?? rule;
  return (
    <form action={action} className="flex flex-wrap items-end gap-2" aria-label={`Quantity rule for ${name}`}>
      <input type="hidden" name="connectionId" value={connectionId} />
      <QuantityRuleFields key={`${shown.kind}:${shown.value}`} kind={shown.kind} value={shown.value} errors={state.fieldErrors} label="Default quantity rule" />
      <SubmitButton variant="secondary" className="px-3 py-1.5">
        Save rule
      </SubmitButton>
      <FormError message={state.error} />
      <FormSuccess message={state.ok ? state.data : undefined} />
    </form>
  );
}

const isRuleKind = (k: string | undefined): k is QuantityRule["kind"] => k !== undefined && k !== "inherit" && k in RULE_KIND_LABEL;

/** Which of the store's locations Stockroom keeps in step; moving re-reads the new one before writing to it. */
export function ChannelLocationForm({ connectionId, locations, current }: { connectionId: string; locations: { id: string; name: string; primary: boolean }[]; current: string }) {
  const [state, action] = useActionState(channelLocationAction, {});
  const error = state.fieldErrors?.locationId;
  return (
    <form action={action} className="flex flex-wrap items-end gap-2" aria-label="Stock location">
      <input type="hidden" name="connectionId" value={connectionId} />
      <div>
        <label htmlFor={`location-${connectionId}`} className="block text-sm font-medium text-gray-700">
          Location Stockroom manages
        </label>
        <select
          id={`location-${connectionId}`}
          name="locationId"
          defaultValue={current}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `location-${connectionId}-error` : undefined}
          className="mt-1 rounded-md border border-gray-300 px-2 py-1.5 text-sm"
        >
          {locations.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
              {l.primary ? " (primary)" : ""}
            </option>
          ))}
        </select>
        {error ? (
          <p id={`location-${connectionId}-error`} className="mt-1 text-sm text-red-600">
            {error}
          </p>
        ) : null}
      </div>
      <SubmitButton variant="secondary">Use this location</SubmitButton>
      <FormError message={state.error && !error ? state.error : undefined} />
      <FormSuccess message={state.ok ? state.data : undefined} />
    </form>
  );
}
