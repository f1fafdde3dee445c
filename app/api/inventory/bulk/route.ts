import { recordBulkAdjustment } from "@/lib/inventory/manual";
import { orgRoute } from "@/lib/tenancy";
import { readJson } from "@/lib/read-json";

/** POST { productIds, set | delta, reason? }: the same edit to every selected product. */
export const POST = orgRoute(async (req, ctx) => Response.json(await recordBulkAdjustment(ctx, await readJson(req))), { minRole: "manager" });
