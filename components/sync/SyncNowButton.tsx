"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { fetchJson } from "@/components/ui/fetch-json";

export function SyncNowButton({ connectionId, name }: { connectionId: string; name: string }) {
  const router = useRouter();
  const [state, setState] = useState<string | null>(null);
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        onClick={async () => {
          setState("Starting…");
          try {
            await fetchJson(`/api/sync/${connectionId}`, { method: "POST", json: {} });
            setState("Sync started.");
            router.refresh();
          } catch (e) {
            setState(e instanceof Error ? e.message : "Could not start the sync.");
          }
        }}
        className="rounded border border-gray-300 bg-white px-3 py-1 text-sm hover:bg-gray-50 focus-visible:outline-2 focus-visible:outline-indigo-600"
        aria-label={`Sync ${name} now`}
      >
        Sync now
      </button>
      <span role="status" className="text-xs text-gray-600">
        {state}
      </span>
    </span>
  );
}
