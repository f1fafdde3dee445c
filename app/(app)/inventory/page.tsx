import type { Metadata } from "next";
import { requireOrg } from "@/lib/tenancy";

export const metadata: Metadata = { title: "Inventory" };

export default async function InventoryPage() {
  await requireOrg();
  return <h1 className="text-2xl font-semibold">Inventory</h1>;
}
