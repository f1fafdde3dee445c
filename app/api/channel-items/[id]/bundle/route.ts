import { createBundleFromItem, type BundleFromItemInput } from "@/lib/inventory/bundles";
import { readJson } from "@/lib/read-json";
import { orgRoute } from "@/lib/tenancy";

/** POST { components: [{ componentId, quantity }] }: "this listing is a bundle of…", a new bundle product linked to the item. */
export const POST = orgRoute<{ id: string }>(
  async (req, ctx, { id }) => {
    const body = await readJson<Omit<BundleFromItemInput, "itemId">>(req);
    return Response.json(await createBundleFromItem(ctx, { ...body, itemId: id }));
  },
  { minRole: "manager" },
);
