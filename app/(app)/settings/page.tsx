import type { Metadata } from "next";
import { SettingsView } from "@/components/settings/SettingsView";
import { requireOrg } from "@/lib/tenancy";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const ctx = await requireOrg();
  return <SettingsView ctx={ctx} />;
}
