import { exportAuditEventsCsv } from "@/lib/admin/audit-log";
import { adminRoute } from "@/lib/admin/guard";
import { auditListQuery } from "@/lib/admin/schemas";

export const dynamic = "force-dynamic";

export const GET = adminRoute(async (req) => {
  const q = auditListQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  const csv = await exportAuditEventsCsv(q);
  const day = new Date().toISOString().slice(0, 10);
  return new Response(csv, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="stockroom-audit-${day}.csv"`, "cache-control": "no-store" },
  });
});
