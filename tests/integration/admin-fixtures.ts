import { randomUUID } from "node:crypto";
import { db } from "@/db/client";
import { marketplaceConnections, memberships, organizations, syncRuns, users, type Role } from "@/db/schema";
import type { AdminContext } from "@/lib/admin/context";

// Rows for admin tests, unique per call so test files can share one database.

export const uniq = () => randomUUID().slice(0, 8);

export async function makeUser(opts: { admin?: boolean; disabled?: boolean; email?: string } = {}) {
  const [u] = await db
    .insert(users)
    .values({
      email: opts.email ?? `user-${uniq()}@admin-test.local`,
      name: "Test User",
      platformRole: opts.admin ? "admin" : null,
      disabledAt: opts.disabled ? new Date() : null,
    })
    .returning();
  return u;
}

export async function makeAdmin(): Promise<AdminContext> {
  const u = await makeUser({ admin: true });
  return { userId: u.id, email: u.email, ip: "203.0.113.7" };
}

export async function makeOrg(opts: { name?: string; owner?: string; role?: Role } = {}) {
  const s = uniq();
  const [org] = await db.insert(organizations).values({ name: opts.name ?? `Shop ${s}`, slug: `shop-${s}` }).returning();
  if (opts.owner) await db.insert(memberships).values({ orgId: org.id, userId: opts.owner, role: opts.role ?? "owner" });
  return org;
}

export async function makeConnection(orgId: string, marketplace: "etsy" | "ebay" = "etsy") {
  const [c] = await db
    .insert(marketplaceConnections)
    .values({ orgId, marketplace, externalId: `ext-${uniq()}`, name: `${marketplace} shop`, accessTokenEnc: "sealed-secret-access", refreshTokenEnc: "sealed-secret-refresh" })
    .returning();
  return c;
}

export async function makeRun(conn: { id: string; orgId: string }, opts: Partial<typeof syncRuns.$inferInsert> = {}) {
  const [r] = await db
    .insert(syncRuns)
    .values({ orgId: conn.orgId, connectionId: conn.id, kind: "orders", status: "failed", finishedAt: new Date(), errorClass: "RateLimited", error: "429 from Etsy", ...opts })
    .returning();
  return r;
}
