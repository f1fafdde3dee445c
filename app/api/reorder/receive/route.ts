import { receiveStock } from "@/lib/inventory/reorder";
import { readJson } from "@/lib/read-json";
import { orgRoute } from "@/lib/tenancy";

/** POST { productId, quantity, key, note? }: stock received from a supplier (one restock movement). */
export const POST = orgRoute(async (req, ctx) => Response.json(await receiveStock(ctx, await readJson(req))), { minRole: "manager" });
