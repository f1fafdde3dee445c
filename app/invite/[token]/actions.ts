"use server";

import { redirect } from "next/navigation";
import { sessionUserId } from "@/lib/auth";
import { acceptInvitation } from "@/lib/orgs/invitations";
import { errorFormState, type FormState } from "@/lib/tenancy/form-state";

export async function acceptInvitationAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const token = String(formData.get("token") ?? "");
  const userId = await sessionUserId();
  if (!userId) redirect(`/sign-in?next=${encodeURIComponent(`/invite/${token}`)}`);
  try {
    await acceptInvitation(token, userId);
  } catch (err) {
    return errorFormState(err);
  }
  redirect("/inventory");
}
