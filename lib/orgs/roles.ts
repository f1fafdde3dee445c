import { ROLES, type Role } from "@/db/schema";

export const ROLE_LABELS: Record<Role, string> = { owner: "Owner", manager: "Manager", viewer: "Viewer" };
export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  owner: "Everything, including members and billing of the organization.",
  manager: "Edits stock, products and connections.",
  viewer: "Sees everything, changes nothing.",
};
export { ROLES };

/**
 * Whether a change leaves the organization without an owner: the last owner can never be
 * demoted or removed. `newRole` null means removal.
 */
export function leavesNoOwner(ownerCount: number, currentRole: Role, newRole: Role | null): boolean {
  return currentRole === "owner" && newRole !== "owner" && ownerCount <= 1;
}
