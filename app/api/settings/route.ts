import { updateOrgSettings } from "@/lib/settings/org-settings";
import { orgRoute } from "@/lib/tenancy";
import { readJson } from "@/lib/read-json";

export const PUT = orgRoute(async (req, ctx) => Response.json(await updateOrgSettings(ctx, await readJson(req))), { minRole: "manager" });
