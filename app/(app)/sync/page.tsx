import type { Metadata } from "next";
import { SyncView } from "@/components/sync/SyncView";
import { requireOrg } from "@/lib/tenancy";

export const metadata: Metadata = { title: "Sync health" };

export default async function SyncPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireOrg();
  return <SyncView ctx={ctx} searchParams={await searchParams} />;
}
