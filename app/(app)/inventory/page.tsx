import type { Metadata } from "next";
import { InventoryView } from "@/components/inventory/InventoryView";
import { requireOrg } from "@/lib/tenancy";

export const metadata: Metadata = { title: "Inventory" };

export default async function InventoryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireOrg();
  return <InventoryView ctx={ctx} searchParams={await searchParams} />;
}
