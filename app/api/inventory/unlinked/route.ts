import { listUnlinkedItems } from "@/lib/inventory/link";
import { orgRoute } from "@/lib/tenancy";

export const GET = orgRoute(async (req, ctx) => Response.json(await listUnlinkedItems(ctx, { q: new URL(req.url).searchParams.get("q") ?? undefined })));
