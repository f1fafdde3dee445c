import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { MARKETPLACES } from "@/db/schema/marketplace-ids";
import { marketplaceMeta } from "@/lib/marketplaces/meta";
import { requireOrg } from "@/lib/tenancy";
import { StoreAddressForm } from "./store-address-form";

export const metadata: Metadata = { title: "Connect a store" };

// Marketplaces installed per store (meta.accountAddress: Shopify) need the store's address
// before their consent page, which lives on the store's own domain.
export default async function ConnectStorePage({ params, searchParams }: { params: Promise<{ marketplace: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireOrg("manager");
  const marketplace = z.enum(MARKETPLACES).safeParse((await params).marketplace);
  const meta = marketplace.success ? marketplaceMeta(marketplace.data) : null;
  if (!meta?.accountAddress) notFound();
  const { returnTo } = await searchParams;
  return (
    <div className="max-w-lg space-y-4">
      <h1 className="text-2xl font-semibold">
        Connect a {meta.label} {meta.accountNoun}
      </h1>
      <p className="text-sm text-gray-600">
        {meta.label} asks you to approve Stockroom in your {meta.accountNoun}&apos;s admin. Name the {meta.accountNoun} and we take you there.
      </p>
      <StoreAddressForm marketplace={meta.id} address={meta.accountAddress} returnTo={typeof returnTo === "string" ? returnTo : ""} />
      <p className="text-sm">
        <Link href="/connections" className="font-medium text-indigo-700 underline">
          Back to Connections
        </Link>
      </p>
    </div>
  );
}
