import type { Metadata } from "next";
import { requireOrg } from "@/lib/tenancy";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage() {
  await requireOrg();
  return <h1 className="text-2xl font-semibold">Members</h1>;
}
