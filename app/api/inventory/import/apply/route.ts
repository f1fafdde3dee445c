import { applyStockCsv, CsvRejected } from "@/lib/inventory/csv";
import { orgRoute } from "@/lib/tenancy";
import { readJson } from "@/lib/read-json";

/** POST { importId, text }: all rows or none; a rejection lists every invalid row with its line. */
export const POST = orgRoute(
  async (req, ctx) => {
    const { importId, text } = await readJson<{ importId?: unknown; text?: unknown }>(req);
    try {
      return Response.json(await applyStockCsv(ctx, { importId: String(importId ?? ""), text: typeof text === "string" ? text : "" }));
    } catch (err) {
      if (err instanceof CsvRejected) return Response.json({ error: { code: err.code, message: err.message }, rowErrors: err.rowErrors }, { status: 400 });
      throw err;
    }
  },
  { minRole: "manager" },
);
