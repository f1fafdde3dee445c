import { setItemRule, type itemRuleInput } from "@/lib/inventory/rules";
import { orgRoute } from "@/lib/tenancy";
import { readJson } from "@/lib/read-json";
import type { z } from "zod";

/** PUT { kind, value? }: this listing's own quantity rule ("inherit": its channel's). */
export const PUT = orgRoute<{ id: string }>(
  async (req, ctx, { id }) => {
    const body = await readJson<Omit<z.input<typeof itemRuleInput>, "itemId">>(req);
    return Response.json(await setItemRule(ctx, { ...body, itemId: id }));
  },
  { minRole: "manager" },
);
