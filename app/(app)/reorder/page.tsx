import type { Metadata } from "next";
import { ReorderView } from "@/components/reorder/ReorderView";
import { requireOrg } from "@/lib/tenancy";

export const metadata: Metadata = { title: "To reorder" };

export default async function ReorderPage() {
  const ctx = await requireOrg();
  return <ReorderView ctx={ctx} />;
}
