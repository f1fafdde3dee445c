import type { Metadata } from "next";
import { requireOrg } from "@/lib/tenancy";

export const metadata: Metadata = { title: "Connections" };

export default async function ConnectionsPage() {
  await requireOrg();
  return <h1 className="text-2xl font-semibold">Connections</h1>;
}
