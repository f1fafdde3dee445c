"use server";

import { redirect } from "next/navigation";
import { sessionUserId } from "@/lib/auth";
import { createOrganizationSchema } from "@/lib/auth/schemas";
import { createOrganizationForUser } from "@/lib/orgs/organizations";
import { parseForm, type FormState } from "@/lib/tenancy/form-state";

export async function createOrganizationAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const userId = await sessionUserId();
  if (!userId) redirect("/sign-in");
  const parsed = parseForm(createOrganizationSchema, formData);
  if ("state" in parsed) return parsed.state;
  await createOrganizationForUser(userId, parsed.data.name);
  redirect("/inventory");
}
