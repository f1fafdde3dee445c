"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { chooseEbayZeroStock, disconnectConnection, ebayZeroStockInput, requestConnectionSync } from "@/lib/connections";
import { channelRuleInput, setChannelRule } from "@/lib/inventory/rules";
import { ruleLabel } from "@/lib/inventory/quantity-rules";
import { orgAction } from "@/lib/tenancy";

const connectionInput = z.object({ connectionId: z.uuid("Choose a connection.") });

export const syncNowAction = orgAction(connectionInput, "manager", async (ctx, { connectionId }) => {
  await requestConnectionSync(ctx, connectionId);
  revalidatePath("/connections");
  return "Sync started.";
});

export const disconnectAction = orgAction(connectionInput, "manager", async (ctx, { connectionId }) => {
  await disconnectConnection(ctx, connectionId);
  revalidatePath("/connections");
  return "Disconnected. Orders and stock history are kept.";
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
