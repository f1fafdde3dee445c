import type { Metadata } from "next";
import { requireOrg } from "@/lib/tenancy";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  await requireOrg();
  return <h1 className="text-2xl font-semibold">Settings</h1>;
}
