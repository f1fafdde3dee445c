import type { Metadata } from "next";
import { requireOrg } from "@/lib/tenancy";

export const metadata: Metadata = { title: "Sales" };

export default async function SalesPage() {
  await requireOrg();
  return <h1 className="text-2xl font-semibold">Sales</h1>;
}
