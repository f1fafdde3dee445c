"use server";

// Every admin server action, each behind adminAction: tests call every export here as a
// seller, a signed-out visitor and a disabled admin, so an unguarded one fails the suite.

import { adminAction } from "@/lib/admin/guard";
import { disableOrganization, enableOrganization, triggerConnectionSync } from "@/lib/admin/organizations";
import { retryEmails } from "@/lib/admin/outbox";
import { rerunSyncRuns } from "@/lib/admin/rerun";
import { connectionIdInput, disableOrgInput, emailIdsInput, orgIdInput, syncRunIdsInput, userIdInput } from "@/lib/admin/schemas";
import { disableUser, enableUser, grantPlatformAdmin, revokePlatformAdmin, sendPasswordReset } from "@/lib/admin/users";

export const disableOrganizationAction = adminAction(disableOrgInput, disableOrganization);
export const enableOrganizationAction = adminAction(orgIdInput, enableOrganization);
export const triggerConnectionSyncAction = adminAction(connectionIdInput, triggerConnectionSync);
export const disableUserAction = adminAction(userIdInput, disableUser);
export const enableUserAction = adminAction(userIdInput, enableUser);
export const grantPlatformAdminAction = adminAction(userIdInput, grantPlatformAdmin);
export const revokePlatformAdminAction = adminAction(userIdInput, revokePlatformAdmin);
export const retryEmailsAction = adminAction(emailIdsInput, retryEmails);
export const rerunSyncRunsAction = adminAction(syncRunIdsInput, rerunSyncRuns);
export const sendPasswordResetAction = adminAction(userIdInput, sendPasswordReset);
