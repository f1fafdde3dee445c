import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { marketplaceConnections, organizations } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { Invalid, NotFound } from "@/lib/errors";
import { setOutOfStockControl } from "@/lib/marketplaces/ebay/trading/calls";
import { parseInput } from "@/lib/parse-input";
import { requestSync } from "@/lib/sync/triggers";
import { assertRole, type OrgContext } from "@/lib/tenancy/context";
import { storeChannelPreferences } from "./channel-preferences";
import { sessionFor } from "./tokens";

// The seller's answer to "eBay would end this listing at 0": keep 1 listed, let eBay end
// it, or turn on out-of-stock control in their eBay account (SetUserPreferences, only
// after they confirmed it on the Connections card). Until they answer, nothing is sent.

export const ebayZeroStockInput = z
  .object({
    connectionId: z.uuid("Choose a connection."),
    choice: z.enum(["keep_one", "end", "enable_out_of_stock_control"], { message: "Choose what Stockroom should do at 0." }),
    // Changing a setting in the seller's eBay account needs their explicit go-ahead.
    confirmed: z
      .union([z.boolean(), z.enum(["on", "true", "false", ""])])
      .optional()
      .transform((v) => v === true || v === "on" || v === "true"),
  })
  .refine((v) => v.choice !== "enable_out_of_stock_control" || v.confirmed, {
    message: "Tick the box to let Stockroom turn on out-of-stock control in your eBay account.",
    path: ["confirmed"],
  });
export type EbayZeroStockInput = z.input<typeof ebayZeroStockInput>;

export async function chooseEbayZeroStock(ctx: OrgContext, input: EbayZeroStockInput): Promise<string> {
  assertRole(ctx, "manager");
  const v = parseInput(ebayZeroStockInput, input);
  const [conn] = await db
    .select()
    .from(marketplaceConnections)
    .where(and(eq(marketplaceConnections.id, v.connectionId), eq(marketplaceConnections.orgId, ctx.orgId), eq(marketplaceConnections.marketplace, "ebay")));
  if (!conn) throw new NotFound("That eBay account is not connected to this organization.");
  if (conn.status !== "active") throw new Invalid(`Reconnect ${conn.name} first.`);
  const actor = { type: "user" as const, userId: ctx.userId };
  if (v.choice === "enable_out_of_stock_control") {
    await setOutOfStockControl(sessionFor(conn), true);
    await storeChannelPreferences(conn.id, { outOfStockControl: true });
    await recordAudit(db, { orgId: ctx.orgId, actor, action: "connection.out_of_stock_control_enabled", target: { type: "connection", id: conn.id }, before: { outOfStockControl: conn.outOfStockControl }, after: { outOfStockControl: true } });
  } else {
    const policy = v.choice;
    await db.transaction(async (tx) => {
      const [org] = await tx.select({ settings: organizations.settings }).from(organizations).where(eq(organizations.id, ctx.orgId)).for("update");
      if (!org) throw new NotFound("This organization no longer exists.");
      const settings = { ...org.settings, ebayZeroStock: policy };
      await tx.update(organizations).set({ settings }).where(eq(organizations.id, ctx.orgId));
      await recordAudit(tx, { orgId: ctx.orgId, actor, action: "org.updated", target: { type: "organization", id: ctx.orgId }, before: { ebayZeroStock: org.settings.ebayZeroStock ?? "ask" }, after: { ebayZeroStock: policy } });
    });
  }
  // Items held back while we waited for the answer are retried now.
  await requestSync(conn.id, "manual");
  return {
    keep_one: "Stockroom will keep 1 listed on eBay when you sell out elsewhere.",
    end: "Stockroom will set sold-out eBay listings to 0; eBay ends them and you relist by hand after a restock.",
    enable_out_of_stock_control: "Out-of-stock control is on in your eBay account: sold-out listings are hidden and come back when restocked.",
  }[v.choice];
}
