import { exportMovementsCsv } from "@/lib/inventory/csv";
import { orgRoute } from "@/lib/tenancy";
import { csvResponse } from "@/lib/csv-response";

/** Movement history as CSV: ?product=<id>&from&to. */
export const GET = orgRoute(async (req, ctx) => csvResponse(await exportMovementsCsv(ctx, Object.fromEntries(new URL(req.url).searchParams)), "stock-movements"));
