import type { Metadata } from "next";
import { SalesView } from "@/components/sales/SalesView";
import { requireOrg } from "@/lib/tenancy";

export const metadata: Metadata = { title: "Sales" };

export default async function SalesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireOrg();
  return <SalesView ctx={ctx} searchParams={await searchParams} />;
}
