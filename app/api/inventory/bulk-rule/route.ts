import { applyRuleToProducts } from "@/lib/inventory/rules";
import { orgRoute } from "@/lib/tenancy";
import { readJson } from "@/lib/read-json";

/** POST { productIds, connectionId, kind, value? }: the same quantity rule on one channel for every selected product. */
export const POST = orgRoute(async (req, ctx) => Response.json(await applyRuleToProducts(ctx, await readJson(req))), { minRole: "manager" });
