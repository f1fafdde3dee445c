import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ProductView } from "@/components/products/ProductView";
import { NotFound } from "@/lib/errors";
import { requireOrg } from "@/lib/tenancy";

export const metadata: Metadata = { title: "Product" };

export default async function ProductPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requireOrg();
  const { id } = await params;
  try {
    return await ProductView({ ctx, productId: id });
  } catch (err) {
    // Another organization's product, or none: the page does not exist for this user.
    if (err instanceof NotFound) notFound();
    throw err;
  }
}
