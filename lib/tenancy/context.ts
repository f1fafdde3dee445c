import { ROLES, type Role } from "@/db/schema";
import { Forbidden } from "@/lib/errors";

/** Who is acting, for which organization, with which role. Every tenant read and write takes one. */
export type OrgContext = { orgId: string; userId: string; role: Role };

export function roleAtLeast(role: Role, min: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(min);
}

export function assertRole(ctx: OrgContext, min: Role): void {
  if (!roleAtLeast(ctx.role, min)) throw new Forbidden(min === "manager" ? "Viewers cannot change anything. Ask an owner for the manager role." : "Only owners can do that.");
}
