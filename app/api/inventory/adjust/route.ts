import { recordManualAdjustment } from "@/lib/inventory/manual";
import { orgRoute } from "@/lib/tenancy";
import { readJson } from "@/lib/read-json";

/** POST { productId, set | delta, reason? }: one manual stock edit. */
export const POST = orgRoute(async (req, ctx) => Response.json(await recordManualAdjustment(ctx, await readJson(req))), { minRole: "manager" });
