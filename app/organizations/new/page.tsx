import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth";
import { CreateOrgForm } from "./create-org-form";

export const metadata: Metadata = { title: "Create an organization" };

export default async function NewOrganizationPage() {
  await requireUser();
  return (
    <main className="mx-auto max-w-md px-6 py-24">
      <h1 className="text-2xl font-semibold">Create an organization</h1>
      <p className="mt-2 mb-6 text-sm text-gray-600">Each organization has its own shops, stock and members. You will be its owner.</p>
      <CreateOrgForm />
      <Link href="/inventory" className="mt-6 inline-block text-sm text-gray-600 hover:underline">
        Back to Stockroom
      </Link>
    </main>
  );
}
