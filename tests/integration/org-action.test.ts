import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { db } from "@/db/client";
import { migrateDb } from "@/db/migrate";
import { memberships, organizations, products, users } from "@/db/schema";
import { NotFound } from "@/lib/errors";
import { runOrgAction, tenantWhere, type OrgContext } from "@/lib/tenancy";
import { newSeller } from "./helpers";

const createProduct = z.object({ sku: z.string().trim().min(1, "Enter a SKU."), title: z.string().trim().min(1, "Enter a title.") });
async function insertProduct(ctx: OrgContext, input: z.infer<typeof createProduct>) {
  const [p] = await db.insert(products).values({ orgId: ctx.orgId, ...input }).returning();
  return p.id;
}

function form(fields: Record<string, string>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

describe("orgAction", () => {
  beforeAll(() => migrateDb());

  it("runs a manager's write in their own organization", async () => {
    const { user, org } = await newSeller("mgr");
    const state = await runOrgAction(user.id, createProduct, "manager", insertProduct, form({ sku: `S-${randomUUID()}`, title: "Mug" }));
    expect(state.ok).toBe(true);
    const rows = await db.select().from(products).where(tenantWhere({ orgId: org.id }, products));
    expect(rows.map((r) => r.id)).toContain(state.data);
  });

  it("refuses a viewer's write and writes nothing", async () => {
    const owner = await newSeller("owner");
    const viewer = await newSeller("viewer");
    await db.insert(memberships).values({ orgId: owner.org.id, userId: viewer.user.id, role: "viewer" });
    await db.update(users).set({ currentOrgId: owner.org.id }).where(eq(users.id, viewer.user.id));
    const sku = `V-${randomUUID()}`;
    const state = await runOrgAction(viewer.user.id, createProduct, "manager", insertProduct, form({ sku, title: "Mug" }));
    expect(state.ok).toBeUndefined();
    expect(state.error).toMatch(/Viewers cannot change anything/);
    expect(state.values).toEqual({ sku, title: "Mug" });
    expect(await db.select().from(products).where(eq(products.sku, sku))).toHaveLength(0);
  });

  it("puts zod errors next to their fields", async () => {
    const { user } = await newSeller("fields");
    const state = await runOrgAction(user.id, createProduct, "manager", insertProduct, form({ sku: " ", title: "Mug" }));
    expect(state.fieldErrors).toEqual({ sku: "Enter a SKU." });
  });

  it("maps a typed error to a form message", async () => {
    const { user } = await newSeller("typed");
    const state = await runOrgAction(user.id, createProduct, "viewer", async () => {
      throw new NotFound("That product does not exist in this organization.");
    }, form({ sku: "x", title: "y" }));
    expect(state.error).toBe("That product does not exist in this organization.");
  });

  it("answers a signed-out request and a disabled organization with a message", async () => {
    expect((await runOrgAction(null, createProduct, "viewer", insertProduct, form({}))).error).toMatch(/Sign in again/);
    const { user, org } = await newSeller("off");
    await db.update(organizations).set({ disabledAt: new Date() }).where(eq(organizations.id, org.id));
    expect((await runOrgAction(user.id, createProduct, "viewer", insertProduct, form({ sku: "a", title: "b" }))).error).toMatch(/has been disabled/);
  });
});
