"use server";

import { revalidatePath } from "next/cache";
import { inviteSchema, invitationIdSchema, memberRoleSchema, membershipIdSchema } from "@/lib/auth/schemas";
import { inviteMember, revokeInvitation } from "@/lib/orgs/invitations";
import { changeMemberRole, removeMember } from "@/lib/orgs/members";
import { orgAction } from "@/lib/tenancy";

export const inviteMemberAction = orgAction(inviteSchema, "owner", async (ctx, input) => {
  await inviteMember(ctx, input);
  revalidatePath("/members");
  return `Invitation sent to ${input.email}.`;
});

export const changeRoleAction = orgAction(memberRoleSchema, "owner", async (ctx, input) => {
  await changeMemberRole(ctx, input.membershipId, input.role);
  revalidatePath("/members");
});

export const removeMemberAction = orgAction(membershipIdSchema, "owner", async (ctx, input) => {
  await removeMember(ctx, input.membershipId);
  revalidatePath("/members");
});

export const revokeInvitationAction = orgAction(invitationIdSchema, "owner", async (ctx, input) => {
  await revokeInvitation(ctx, input.invitationId);
  revalidatePath("/members");
});
