import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { marketplaceConnections, organizations } from "@/db/schema";
import { syncConnection, syncFanout } from "@/inngest/functions/sync";
import { makeConnection, makeOrg } from "./sync-fixtures";

describe("Inngest functions", () => {
  it("the fan-out sends one event per due sync of active connections only", async () => {
    const org = await makeOrg();
    const active = await makeConnection(org.id, "etsy");
    const revoked = await makeConnection(org.id, "ebay");
    await db.update(marketplaceConnections).set({ status: "needs_reconnect" }).where(eq(marketplaceConnections.id, revoked.id));
    const disabledOrg = await makeOrg();
    const hidden = await makeConnection(disabledOrg.id, "etsy");
    await db.update(organizations).set({ disabledAt: new Date() }).where(eq(organizations.id, disabledOrg.id));

    // The send itself is mocked: there is no Inngest server in tests.
    const t = new InngestTestEngine({ function: syncFanout, steps: [{ id: "fan-out", handler: () => ({ ids: [] }) }] });
    const { result: stepResult } = await t.executeStep("find-due");
    const due = stepResult as { connectionId: string; kind: string }[];
    const { result } = await t.execute();
    const ids = due.map((d) => d.connectionId);
    expect(ids).toContain(active.id);
    expect(due.find((d) => d.connectionId === active.id)?.kind).toBe("orders");
    expect(ids).not.toContain(revoked.id);
    expect(ids).not.toContain(hidden.id);
    expect((result as { sent: number }).sent).toBeGreaterThan(0);
  });

  it("the per-connection function never syncs a connection that needs reconnecting", async () => {
    const org = await makeOrg();
    const conn = await makeConnection(org.id, "etsy");
    await db.update(marketplaceConnections).set({ status: "needs_reconnect" }).where(eq(marketplaceConnections.id, conn.id));
    const t = new InngestTestEngine({ function: syncConnection });
    const { result } = await t.execute({
      events: [{ name: "stockroom/sync.requested", data: { connectionId: conn.id, kind: "orders", trigger: "manual", marketplace: "etsy" } }],
    });
    expect(result).toEqual({ status: "skipped", reason: "The connection needs reconnecting." });
  });
});
