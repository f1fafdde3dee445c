import { listProducts } from "@/lib/inventory/queries";
import { getImportProgress } from "@/lib/sync/health";
import { orgRoute } from "@/lib/tenancy";

/** The inventory table's data: GET /api/inventory?page&pageSize&sort&dir&q&filter&channel */
export const GET = orgRoute(async (req, ctx) => {
  const query = Object.fromEntries(new URL(req.url).searchParams);
  const [page, importing] = await Promise.all([listProducts(ctx, query), getImportProgress(ctx)]);
  return Response.json({ ...page, importing });
});
