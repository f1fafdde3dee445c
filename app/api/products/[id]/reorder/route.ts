import { updateReorderSettings, type ReorderSettingsInput } from "@/lib/inventory/reorder";
import { readJson } from "@/lib/read-json";
import { orgRoute } from "@/lib/tenancy";

/** PUT { reorderPoint: number | "", reorderQuantity } */
export const PUT = orgRoute<{ id: string }>(
  async (req, ctx, { id }) => {
    const body = await readJson<Omit<ReorderSettingsInput, "productId">>(req);
    return Response.json(await updateReorderSettings(ctx, { ...body, productId: id }));
  },
  { minRole: "manager" },
);
