"use client";
import { useState } from "react";
import { marketplaceNames } from "@/lib/marketplaces/meta";
import { fieldErrors } from "@/components/products/ProductSettingsForm";
import { ApiError, fetchJson } from "@/components/ui/fetch-json";
import type { EffectiveOrgSettings } from "@/lib/settings/org-settings";

const field = "rounded border border-gray-300 px-2 py-1 font-normal disabled:bg-gray-100";

/** Organization settings. Viewers see the same form read-only. */
export function SettingsForm({ initial, canEdit, timezones }: { initial: EffectiveOrgSettings; canEdit: boolean; timezones: string[] }) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const hint = (name: string, text?: string) =>
    errors[name] ? (
      <span id={`${name}-msg`} className="text-xs font-normal text-red-700">
        {errors[name]}
      </span>
    ) : text ? (
      <span id={`${name}-msg`} className="text-xs font-normal text-gray-600">
        {text}
      </span>
    ) : null;
  const a11y = (name: string) => ({ name, "aria-invalid": errors[name] ? true : undefined, "aria-describedby": `${name}-msg`, disabled: !canEdit });

  return (
    <form
      aria-label="Organization settings"
      className="max-w-xl space-y-4"
      onSubmit={async (e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        setPending(true);
        setErrors({});
        setStatus(null);
        try {
          await fetchJson("/api/settings", {
            method: "PUT",
            json: {
              name: f.get("name"),
              lowStockThreshold: f.get("lowStockThreshold"),
              alertRecipients: f.get("alertRecipients"),
              alertMode: f.get("alertMode"),
              dailyOrderSummary: f.get("dailyOrderSummary") === "on",
              channelEditPolicy: f.get("channelEditPolicy"),
              renewSoldOutEtsy: f.get("renewSoldOutEtsy") === "on",
              timezone: f.get("timezone"),
            },
          });
          setStatus("Settings saved.");
        } catch (err) {
          const fields = err instanceof ApiError ? fieldErrors(err.body) : {};
          setErrors(fields);
          setStatus(err instanceof Error ? err.message : "Could not save.");
        } finally {
          setPending(false);
        }
      }}
    >
      {!canEdit ? <p className="rounded bg-gray-100 p-2 text-sm">You can view these settings. Owners and managers can change them.</p> : null}
      <label className="flex flex-col gap-1 text-sm font-medium">
        Organization name
        <input {...a11y("name")} defaultValue={initial.name} required maxLength={100} className={field} />
        {hint("name")}
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Default low-stock threshold
        <input {...a11y("lowStockThreshold")} inputMode="numeric" defaultValue={initial.lowStockThreshold} className={`${field} w-28`} />
        {hint("lowStockThreshold", "A product is low when its on hand is at or below this, unless it has its own threshold.")}
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Alert recipients
        <textarea {...a11y("alertRecipients")} defaultValue={initial.alertRecipients.join("\n")} rows={3} className={field} />
        {hint("alertRecipients", "One email per line. Empty sends alerts to the owners.")}
      </label>
      <fieldset className="text-sm" disabled={!canEdit}>
        <legend className="font-medium">Low-stock alerts</legend>
        <label className="mr-4 inline-flex items-center gap-1">
          <input type="radio" name="alertMode" value="immediate" defaultChecked={initial.alertMode === "immediate"} /> As they happen
        </label>
        <label className="inline-flex items-center gap-1">
          <input type="radio" name="alertMode" value="digest" defaultChecked={initial.alertMode === "digest"} /> One daily digest
        </label>
      </fieldset>
      <label className="flex items-center gap-2 text-sm font-medium">
        <input type="checkbox" name="dailyOrderSummary" defaultChecked={initial.dailyOrderSummary} disabled={!canEdit} /> Email a daily order summary
      </label>
      <fieldset className="text-sm" disabled={!canEdit}>
        <legend className="font-medium">When someone changes a quantity directly on {marketplaceNames("or")}</legend>
        <label className="flex items-center gap-1">
          <input type="radio" name="channelEditPolicy" value="accept" defaultChecked={initial.channelEditPolicy === "accept"} /> Accept it as a stock change and update the
          other channels
        </label>
        <label className="flex items-center gap-1">
          <input type="radio" name="channelEditPolicy" value="overwrite" defaultChecked={initial.channelEditPolicy === "overwrite"} /> Overwrite it with Stockroom&apos;s
          quantity
        </label>
      </fieldset>
      <label className="flex items-start gap-2 text-sm font-medium">
        <input type="checkbox" name="renewSoldOutEtsy" defaultChecked={initial.renewSoldOutEtsy} disabled={!canEdit} className="mt-1" />
        <span>
          Renew sold-out Etsy listings when stock returns
          <span className="block font-normal text-gray-600">Etsy charges a listing fee for each renewal. Off: Stockroom tells you and you renew on Etsy or with Renew now.</span>
        </span>
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Time zone
        <select {...a11y("timezone")} defaultValue={initial.timezone} className={field}>
          {timezones.map((tz) => (
            <option key={tz}>{tz}</option>
          ))}
        </select>
        {hint("timezone", "Used for sales per day and daily emails.")}
      </label>
      {canEdit ? (
        <button
          type="submit"
          disabled={pending}
          className="rounded bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
        >
          {pending ? "Saving…" : "Save settings"}
        </button>
      ) : null}
      <p role="status" className="text-sm">
        {status}
      </p>
    </form>
  );
}
