"use client";

import { useActionState, useState } from "react";
import { FormError, FormSuccess } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { disconnectAction, syncNowAction } from "./actions";

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

export function DisconnectButton({ connectionId, name }: { connectionId: string; name: string }) {
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
      <p className="text-sm text-red-800">Disconnect {name}? Syncing stops; orders and stock history are kept. You can connect it again later.</p>
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
