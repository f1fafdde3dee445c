"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { fetchJson } from "@/components/ui/fetch-json";

/** One renewal of a sold-out Etsy listing, with the fee said before the click. */
export function RenewListingButton({ itemId }: { itemId: string }) {
  const router = useRouter();
  const [state, setState] = useState<{ pending: boolean; message: string | null }>({ pending: false, message: null });
  return (
    <span className="flex flex-wrap items-center gap-2">
      <button
        type="button"
        disabled={state.pending}
        className="rounded border border-indigo-700 px-2 py-1 text-indigo-800 hover:bg-indigo-50 disabled:opacity-50"
        onClick={async () => {
          setState({ pending: true, message: null });
          try {
            await fetchJson(`/api/channel-items/${itemId}/renew`, { method: "POST", json: {} });
            setState({ pending: false, message: "Renewal requested: Etsy sells it again on the next push." });
            router.refresh();
          } catch (err) {
            setState({ pending: false, message: err instanceof Error ? err.message : "Could not request the renewal." });
          }
        }}
      >
        Renew now<span className="sr-only"> on Etsy (Etsy charges a listing fee)</span>
      </button>
      <span className="text-gray-600">Etsy charges a listing fee.</span>
      {state.message ? <span role="status">{state.message}</span> : null}
    </span>
  );
}
