import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { OrderView } from "@/components/sales/OrderView";
import { NotFound } from "@/lib/errors";
import { requireOrg } from "@/lib/tenancy";

export const metadata: Metadata = { title: "Order" };

export default async function OrderPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requireOrg();
  const { id } = await params;
  try {
    return await OrderView({ ctx, orderId: id });
  } catch (err) {
    if (err instanceof NotFound) notFound();
    throw err;
  }
}
