import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { marketplaceConnections, type Marketplace } from "@/db/schema";
import { completeConnection, startConnection } from "@/lib/connections";
import type { OrgContext } from "@/lib/tenancy/context";
import { answerConsent } from "./consent";

/** The whole browser round trip: start → sandbox consent page → our callback. */
export async function connectThroughConsent(ctx: OrgContext, marketplace: Marketplace, shop: string, opts: { connectionId?: string } = {}) {
  const { url } = await startConnection(ctx, marketplace, opts);
  const callback = await answerConsent(url, { shop, button: "Allow access" });
  if (callback.pathname !== `/api/connections/${marketplace}/callback`) throw new Error(`consent redirected to ${callback}`);
  return completeConnection({ marketplace, userId: ctx.userId, params: callback.searchParams });
}

export async function connectionRow(id: string) {
  const [row] = await db.select().from(marketplaceConnections).where(eq(marketplaceConnections.id, id));
  if (!row) throw new Error("connection not found");
  return row;
}
