"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { MARKETPLACES } from "@/db/schema/marketplace-ids";
import { channelLocationInput, chooseChannelLocation, chooseEbayZeroStock, rereadChannelLocations, disconnectConnection, ebayZeroStockInput, requestConnectionSync, startConnection } from "@/lib/connections";
import { channelRuleInput, setChannelRule } from "@/lib/inventory/rules";
import { ruleLabel } from "@/lib/inventory/quantity-rules";
import { orgAction } from "@/lib/tenancy";

const connectionInput = z.object({ connectionId: z.uuid("Choose a connection.") });

const connectStoreInput = z.object({
  marketplace: z.enum(MARKETPLACES),
  account: z.string().trim().min(1, "Enter your store's address.").max(255, "That address is too long."),
  returnTo: z.string().optional(),
});

// The store-address form (connections/connect/[marketplace]): the address is checked by the
// marketplace's own rule in startConnection, then the browser goes on to the store's consent page.
export const connectStoreAction = orgAction(connectStoreInput, "manager", async (ctx, input): Promise<never> => {
  const { url } = await startConnection(ctx, input.marketplace, { account: input.account, returnTo: input.returnTo || null });
  redirect(url);
});

export const syncNowAction = orgAction(connectionInput, "manager", async (ctx, { connectionId }) => {
  await requestConnectionSync(ctx, connectionId);
  revalidatePath("/connections");
  return "Sync started.";
});

export const disconnectAction = orgAction(connectionInput, "manager", async (ctx, { connectionId }) => {
  const problem = await disconnectConnection(ctx, connectionId);
  revalidatePath("/connections");
  return `Disconnected. Orders and stock history are kept.${problem ? ` ${problem}` : ""}`;
});

export const ebayZeroStockAction = orgAction(ebayZeroStockInput, "manager", async (ctx, input) => {
  const message = await chooseEbayZeroStock(ctx, input);
  revalidatePath("/connections");
  return message;
});

export const channelRuleAction = orgAction(channelRuleInput, "manager", async (ctx, input) => {
  const rule = await setChannelRule(ctx, input);
  revalidatePath("/connections");
  const label = rule.kind ? ruleLabel({ kind: rule.kind, value: rule.value }) : "";
  return `Saved${label ? `: ${label}` : ": no rule"}. Listings without their own rule are updated.`;
});

export const rereadLocationsAction = orgAction(connectionInput, "manager", async (ctx, { connectionId }) => {
  const message = await rereadChannelLocations(ctx, connectionId);
  revalidatePath("/connections");
  return message;
});

export const channelLocationAction = orgAction(channelLocationInput, "manager", async (ctx, input) => {
  const message = await chooseChannelLocation(ctx, input);
  revalidatePath("/connections");
  return message;
});
