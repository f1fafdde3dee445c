import { requestSyncNow } from "@/lib/sync/health";
import { orgRoute } from "@/lib/tenancy";

/** "Sync now" for one shop. */
export const POST = orgRoute<{ connectionId: string }>(
  async (_req, ctx, { connectionId }) => {
    await requestSyncNow(ctx, connectionId);
    return Response.json({ ok: true }, { status: 202 });
  },
  { minRole: "manager" },
);
