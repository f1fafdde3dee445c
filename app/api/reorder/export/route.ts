import { csvResponse } from "@/lib/csv-response";
import { exportReorderCsv } from "@/lib/inventory/reorder";
import { orgRoute } from "@/lib/tenancy";

/** GET: the "To reorder" list as a purchase list (CSV). */
export const GET = orgRoute(async (_req, ctx) => csvResponse(await exportReorderCsv(ctx), "purchase-list"));
