import Link from "next/link";
import { Empty, Table, Td } from "@/components/ui/table";
import { listToReorder, type ReorderRow } from "@/lib/inventory/reorder";
import { roleAtLeast, type OrgContext } from "@/lib/tenancy/context";
import { ReceiveForm } from "./ReceiveForm";

/** The page renders the most urgent rows; the CSV holds them all. */
const SHOWN = 500;

const POINT_SOURCE: Record<ReorderRow["reorderPointSource"], string> = { product: "", threshold: " (low-stock threshold)", default: " (default)" };

export async function ReorderView({ ctx }: { ctx: OrgContext }) {
  const rows = await listToReorder(ctx);
  const canReceive = roleAtLeast(ctx.role, "manager");
  const head = ["Product", "Reorder point", "On hand", "Units/day (30 days)", "Days of cover", "Suggested", ...(canReceive ? ["Received"] : [])];
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">To reorder</h1>
        {rows.length > 0 ? (
          <a href="/api/reorder/export" className="rounded-md border border-gray-300 px-3 py-1.5 text-sm font-medium hover:bg-gray-50">
            Export purchase list (CSV)
          </a>
        ) : null}
      </div>
      <p className="max-w-3xl text-sm text-gray-600">
        Products at or below their reorder point (set on the product page; otherwise their low-stock threshold). Units per day are the last 30 days&apos; sales less
        cancelled ones; days of cover are what the channels may still sell (on hand less reserve) at that rate. The suggestion is the product&apos;s reorder quantity
        when set, otherwise enough to get back above the reorder point with 30 days of sales at the current rate.
      </p>
      {rows.length > SHOWN ? (
        <p className="text-sm text-gray-600">
          Showing the {SHOWN} most urgent of {rows.length.toLocaleString("en")} products; the CSV has them all.
        </p>
      ) : null}
      <Table head={head} caption="Products to reorder, fewest days of cover first">
        {rows.length === 0 ? (
          <Empty cols={head.length}>Nothing to reorder: every product is above its reorder point.</Empty>
        ) : (
          rows.slice(0, SHOWN).map((r) => (
            <tr key={r.productId}>
              <Td>
                <Link href={`/products/${r.productId}`} className="font-medium text-indigo-700 hover:underline">
                  {r.title}
                </Link>
                <div className="font-mono text-xs text-gray-600">{r.sku}</div>
              </Td>
              <Td className="tabular-nums">
                {r.reorderPoint}
                <span className="text-xs text-gray-600">{POINT_SOURCE[r.reorderPointSource]}</span>
              </Td>
              <Td className="tabular-nums">{r.onHand}</Td>
              <Td className="tabular-nums">{r.velocity.toFixed(2)}</Td>
              <Td className="tabular-nums">{r.daysOfCover === null ? <span className="text-gray-600">No sales</span> : r.daysOfCover.toFixed(1)}</Td>
              <Td className="tabular-nums">
                {r.suggested}
                {r.reorderQuantity > 0 ? <span className="block text-xs text-gray-600">reorder quantity</span> : null}
              </Td>
              {canReceive ? (
                <Td>
                  <ReceiveForm productId={r.productId} sku={r.sku} suggested={r.suggested} />
                </Td>
              ) : null}
            </tr>
          ))
        )}
      </Table>
    </div>
  );
}
