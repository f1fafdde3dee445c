import { connectableAccounts, connectHref } from "@/lib/marketplaces/meta";
import { z } from "zod";
import { MARKETPLACES } from "@/db/schema";
import { AccountAddressNeeded, startConnection } from "@/lib/connections";
import { NotFound } from "@/lib/errors";
import { orgRoute } from "@/lib/tenancy";

const query = z.object({ connectionId: z.uuid().nullable(), returnTo: z.string().nullable() });

// GET /api/connections/{marketplace}/start[?connectionId=…&returnTo=/path]: owners and managers only.
export const GET = orgRoute<{ marketplace: string }>(
  async (req, ctx, params) => {
    const marketplace = z.enum(MARKETPLACES).safeParse(params.marketplace);
    if (!marketplace.success) throw new NotFound(`Stockroom connects ${connectableAccounts()} only.`);
    const search = new URL(req.url).searchParams;
    const input = query.safeParse({ connectionId: search.get("connectionId"), returnTo: search.get("returnTo") });
    if (!input.success) throw new NotFound("That connection does not exist in this organization.");
    // A marketplace installed per store asks for the store's address first (its form posts startConnection itself).
    const { url } = await startConnection(ctx, marketplace.data, input.data).catch((err: unknown) => {
      if (err instanceof AccountAddressNeeded) return { url: connectHref(marketplace.data) };
      throw err;
    });
    return new Response(null, { status: 303, headers: { location: url, "cache-control": "no-store" } });
  },
  { minRole: "manager" },
);
