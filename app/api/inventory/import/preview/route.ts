import { previewStockCsv } from "@/lib/inventory/csv";
import { orgRoute } from "@/lib/tenancy";
import { readJson } from "@/lib/read-json";

/** POST { text }: what the CSV would change and every invalid row; writes nothing. */
export const POST = orgRoute(
  async (req, ctx) => {
    const { text } = await readJson<{ text?: unknown }>(req);
    return Response.json(await previewStockCsv(ctx, typeof text === "string" ? text : ""));
  },
  { minRole: "manager" },
);
