import { updateProductSettings, type ProductSettingsInput } from "@/lib/inventory/products";
import { orgRoute } from "@/lib/tenancy";
import { readJson } from "@/lib/read-json";

/** PUT { lowStockThreshold: number | "", reserve } */
export const PUT = orgRoute<{ id: string }>(
  async (req, ctx, { id }) => {
    const body = await readJson<Omit<ProductSettingsInput, "productId">>(req);
    return Response.json(await updateProductSettings(ctx, { ...body, productId: id }));
  },
  { minRole: "manager" },
);
