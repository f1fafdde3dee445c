import { setBundleComponents, type BundleInput } from "@/lib/inventory/bundles";
import { readJson } from "@/lib/read-json";
import { orgRoute } from "@/lib/tenancy";

/** PUT { components: [{ componentId, quantity }] }: what this product is a bundle of ([] makes it a stocked product again). */
export const PUT = orgRoute<{ id: string }>(
  async (req, ctx, { id }) => {
    const body = await readJson<Omit<BundleInput, "bundleId">>(req);
    return Response.json(await setBundleComponents(ctx, { ...body, bundleId: id }));
  },
  { minRole: "manager" },
);
