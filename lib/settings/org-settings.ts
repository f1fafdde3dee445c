import { eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { db } from "@/db/client";
import { organizations, type OrgSettings } from "@/db/schema";
import { env } from "@/lib/env";
import { isTimeZone } from "@/lib/format/date-time";
import { NotFound } from "@/lib/errors";
import { parseInput } from "@/lib/parse-input";
import { assertRole, type OrgContext } from "@/lib/tenancy/context";

/** Settings with every default filled in: what the rest of the app acts on. */
export type EffectiveOrgSettings = {
  name: string;
  lowStockThreshold: number;
  alertRecipients: string[];
  alertMode: "immediate" | "digest";
  dailyOrderSummary: boolean;
  channelEditPolicy: "accept" | "overwrite";
  renewSoldOutEtsy: boolean;
  timezone: string;
  currency: string;
};

export function effectiveSettings(name: string, s: OrgSettings): EffectiveOrgSettings {
  return {
    name,
    lowStockThreshold: s.lowStockThreshold ?? env().LOW_STOCK_THRESHOLD,
    alertRecipients: s.alertRecipients ?? [],
    alertMode: s.alertMode ?? "immediate",
    dailyOrderSummary: s.dailyOrderSummary ?? false,
    channelEditPolicy: s.channelEditPolicy ?? "accept",
    renewSoldOutEtsy: s.renewSoldOutEtsy ?? false,
    timezone: s.timezone ?? "UTC",
    currency: s.currency ?? "USD",
  };
}

export async function getOrgSettings(ctx: OrgContext): Promise<EffectiveOrgSettings> {
  const [org] = await db
    .select({ name: organizations.name, settings: organizations.settings })
    .from(organizations)
    .where(eq(organizations.id, ctx.orgId));
  if (!org) throw new NotFound("This organization no longer exists.");
  return effectiveSettings(org.name, org.settings);
}

export const orgSettingsInput = z.object({
  name: z.string().trim().min(1, "Give the organization a name.").max(100, "Keep the name under 100 characters."),
  lowStockThreshold: z.coerce.number().int("Use a whole number.").min(0, "The threshold cannot be negative.").max(100000),
  alertRecipients: z
    .string()
    .default("")
    .transform((s) => s.split(/[\s,;]+/).map((x) => x.trim().toLowerCase()).filter(Boolean))
    .pipe(z.array(z.email("One of the alert recipients is not an email address.")).max(20, "At most 20 alert recipients.")),
  alertMode: z.enum(["immediate", "digest"]),
  dailyOrderSummary: z
    .union([z.boolean(), z.enum(["on", "true", "false", ""])])
    .default(false)
    .transform((v) => v === true || v === "on" || v === "true"),
  channelEditPolicy: z.enum(["accept", "overwrite"]),
  renewSoldOutEtsy: z
    .union([z.boolean(), z.enum(["on", "true", "false", ""])])
    .default(false)
    .transform((v) => v === true || v === "on" || v === "true"),
  timezone: z.string().trim().refine(isTimeZone, "Pick a time zone from the list."),
});
export type OrgSettingsInput = z.input<typeof orgSettingsInput>;

/** Owners and managers change the organization's settings; the change is audited. */
export async function updateOrgSettings(ctx: OrgContext, input: OrgSettingsInput): Promise<EffectiveOrgSettings> {
  assertRole(ctx, "manager");
  const v = parseInput(orgSettingsInput, input);
  return db.transaction(async (tx) => {
    const [org] = await tx
      .select({ name: organizations.name, settings: organizations.settings })
      .from(organizations)
      .where(eq(organizations.id, ctx.orgId))
      .for("update");
    if (!org) throw new NotFound("This organization no longer exists.");
    const settings: OrgSettings = {
      ...org.settings,
      lowStockThreshold: v.lowStockThreshold,
      alertRecipients: v.alertRecipients,
      alertMode: v.alertMode,
      dailyOrderSummary: v.dailyOrderSummary,
      channelEditPolicy: v.channelEditPolicy,
      renewSoldOutEtsy: v.renewSoldOutEtsy,
      timezone: v.timezone,
    };
    await tx.update(organizations).set({ name: v.name, settings }).where(eq(organizations.id, ctx.orgId));
    await recordAudit(tx, { orgId: ctx.orgId, actor: { type: "user", userId: ctx.userId }, action: "org.updated", target: { type: "organization", id: ctx.orgId }, before: { name: org.name, settings: org.settings }, after: { name: v.name, settings } });
    return effectiveSettings(v.name, settings);
  });
}
