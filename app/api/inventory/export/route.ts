import { exportInventoryCsv } from "@/lib/inventory/csv";
import { orgRoute } from "@/lib/tenancy";
import { csvResponse } from "@/lib/csv-response";

/** The inventory as CSV, with the table's filters from the query string. */
export const GET = orgRoute(async (req, ctx) => csvResponse(await exportInventoryCsv(ctx, Object.fromEntries(new URL(req.url).searchParams)), "inventory"));
