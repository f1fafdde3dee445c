import { searchProductsForPicker } from "@/lib/inventory/link";
import { orgRoute } from "@/lib/tenancy";

export const GET = orgRoute(async (req, ctx) => Response.json(await searchProductsForPicker(ctx, new URL(req.url).searchParams.get("q") ?? "")));
