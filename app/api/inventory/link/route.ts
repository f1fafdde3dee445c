import { linkChannelItem } from "@/lib/inventory/link";
import { orgRoute } from "@/lib/tenancy";
import { readJson } from "@/lib/read-json";

/** POST { itemId, mode: "existing", productId } | { itemId, mode: "create" } */
export const POST = orgRoute(async (req, ctx) => Response.json(await linkChannelItem(ctx, await readJson(req))), { minRole: "manager" });
