import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { listProducts } from "@/lib/inventory/queries";
import { getOrgSettings, updateOrgSettings } from "@/lib/settings/org-settings";
import { createOrg, createProduct, memberOf } from "../support/org-fixture";

const valid = {
  name: "Clay & Co",
  lowStockThreshold: "3",
  alertRecipients: "a@example.com, B@example.com",
  alertMode: "digest" as const,
  dailyOrderSummary: true,
  channelEditPolicy: "overwrite" as const,
  renewSoldOutEtsy: true,
  timezone: "Europe/Paris",
};

describe("organization settings", () => {
  it("has sensible defaults, saves every field for a manager, and audits the change", async () => {
    const org = await createOrg("Clay");
    const manager = await memberOf(org.id, "manager");
    expect(await getOrgSettings(manager)).toEqual({
      name: "Clay",
      lowStockThreshold: 5,
      alertRecipients: [],
      alertMode: "immediate",
      dailyOrderSummary: false,
      channelEditPolicy: "accept",
      renewSoldOutEtsy: false,
      timezone: "UTC",
      currency: "USD",
    });
    await updateOrgSettings(manager, valid);
    expect(await getOrgSettings(manager)).toMatchObject({
      name: "Clay & Co",
      lowStockThreshold: 3,
      alertRecipients: ["a@example.com", "b@example.com"],
      alertMode: "digest",
      dailyOrderSummary: true,
      channelEditPolicy: "overwrite",
      renewSoldOutEtsy: true,
      timezone: "Europe/Paris",
    });
    const [audit] = await db.select().from(auditEvents).where(and(eq(auditEvents.orgId, org.id), eq(auditEvents.action, "org.updated")));
    expect(audit).toMatchObject({ actorUserId: manager.userId, before: { name: "Clay" }, after: { name: "Clay & Co" } });
  });

  it("the default threshold decides which products are low", async () => {
    const org = await createOrg();
    const owner = await memberOf(org.id, "owner");
    await createProduct(org.id, { sku: "FOUR", onHand: 4 });
    expect((await listProducts(owner, { filter: "low" })).total).toBe(1);
    await updateOrgSettings(owner, { ...valid, lowStockThreshold: 2 });
    expect((await listProducts(owner, { filter: "low" })).total).toBe(0);
  });

  it.each([
    ["an unknown time zone", { timezone: "Mars/Olympus" }, "timezone"],
    ["a bad recipient", { alertRecipients: "not-an-email" }, "alertRecipients"],
    ["a negative threshold", { lowStockThreshold: "-1" }, "lowStockThreshold"],
    ["an empty name", { name: " " }, "name"],
  ])("refuses %s, naming the field", async (_name, patch, field) => {
    const org = await createOrg();
    const owner = await memberOf(org.id, "owner");
    const err = await updateOrgSettings(owner, { ...valid, ...patch }).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 400, fields: { [field]: expect.any(String) } });
    expect((await getOrgSettings(owner)).timezone).toBe("UTC");
  });

  it("viewers can read but not change settings", async () => {
    const org = await createOrg();
    const viewer = await memberOf(org.id, "viewer");
    expect((await getOrgSettings(viewer)).lowStockThreshold).toBe(5);
    await expect(updateOrgSettings(viewer, valid)).rejects.toMatchObject({ status: 403 });
  });
});
