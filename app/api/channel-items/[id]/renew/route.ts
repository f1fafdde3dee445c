import { requestEtsyRenewal } from "@/lib/inventory/renewal";
import { orgRoute } from "@/lib/tenancy";

/** POST: renew this sold-out Etsy listing on the next push (Etsy charges a listing fee). */
export const POST = orgRoute<{ id: string }>(async (_req, ctx, { id }) => Response.json(await requestEtsyRenewal(ctx, id)), { minRole: "manager" });
