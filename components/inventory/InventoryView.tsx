import { connectHref, MARKETPLACE_METAS } from "@/lib/marketplaces/meta";
import Link from "next/link";
import { CsvImport } from "@/components/csv/CsvImport";
import { QueryProvider } from "@/components/query-provider";
import { countUnlinkedItems } from "@/lib/inventory/link";
import { listProducts, productListQuery } from "@/lib/inventory/queries";
import { withoutInvalidParams } from "@/lib/parse-input";
import { getImportProgress } from "@/lib/sync/health";
import { roleAtLeast, type OrgContext } from "@/lib/tenancy/context";
import { InventoryTable } from "./InventoryTable";
import type { InventoryResponse } from "./types";
import { UnlinkedItems } from "./UnlinkedItems";

type Search = Record<string, string | string[] | undefined>;

/** Pure: the page's search params as the query string the client table also uses. */
export function toQueryString(sp: Search): string {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(sp))
    if (typeof v === "string" && v !== "") out.set(k, v);
  return out.toString();
}

export async function InventoryView({
  ctx,
  searchParams,
}: {
  ctx: OrgContext;
  searchParams: Search;
}) {
  const canEdit = roleAtLeast(ctx.role, "manager");
  const view = searchParams.view === "unlinked" ? "unlinked" : "products";
  // A bad value in the URL (?page=0, an unknown sort) falls back to its default; the table's
  // own API calls then start from the same, valid query.
  const search = toQueryString(withoutInvalidParams(productListQuery, Object.fromEntries(new URLSearchParams(toQueryString(searchParams)))));
  const [page, importing, unlinked] = await Promise.all([
    listProducts(ctx, Object.fromEntries(new URLSearchParams(search))),
    getImportProgress(ctx),
    countUnlinkedItems(ctx),
  ]);
  const initial: InventoryResponse = JSON.parse(
    JSON.stringify({ ...page, importing }),
  );

  if (page.connections.length === 0 && page.total === 0)
    return <NoConnectionYet canEdit={canEdit} />;

  return (
    <QueryProvider>
      <div className="space-y-4">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h1 className="text-2xl font-bold">Inventory</h1>
          <nav aria-label="Inventory views" className="flex gap-1 text-sm">
            <Link
              href="/inventory"
              aria-current={view === "products" ? "page" : undefined}
              className={tab(view === "products")}
            >
              Products
            </Link>
            <Link
              href="/inventory?view=unlinked"
              aria-current={view === "unlinked" ? "page" : undefined}
              className={tab(view === "unlinked")}
            >
              Unlinked{unlinked > 0 ? ` (${unlinked})` : ""}
            </Link>
          </nav>
        </div>
        {view === "products" && unlinked > 0 ? (
          <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900">
            {unlinked === 1 ? "1 listing is" : `${unlinked} listings are`} not linked to a product (no SKU, or a SKU Stockroom does not know), so
            {unlinked === 1 ? " its" : " their"} stock is not synced.{" "}
            <Link href="/inventory?view=unlinked" className="font-medium underline">
              Link {unlinked === 1 ? "it" : "them"}
            </Link>
          </p>
        ) : null}
        {view === "unlinked" ? (
          <UnlinkedItems canEdit={canEdit} />
        ) : (
          <>
            <InventoryTable
              initial={initial}
              initialSearch={search}
              canEdit={canEdit}
            />
            <p className="text-sm">
              <a
                href="/api/inventory/movements/export"
                className="text-indigo-700 underline"
              >
                Export the movement history (CSV)
              </a>
            </p>
            {canEdit ? <CsvImport /> : null}
          </>
        )}
      </div>
    </QueryProvider>
  );
}

const tab = (on: boolean) =>
  `rounded px-3 py-1 focus-visible:outline-2 focus-visible:outline-indigo-600 ${on ? "bg-indigo-600 text-white" : "hover:bg-gray-100"}`;

function NoConnectionYet({ canEdit }: { canEdit: boolean }) {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Inventory</h1>
      <section className="mx-auto max-w-xl space-y-4 rounded-lg border border-gray-200 bg-white p-8 text-center">
        <h2 className="text-xl font-bold">Connect your first shop</h2>
        <p className="text-gray-600">
          Stockroom imports your listings and their stock, then keeps every
          channel in step as you sell.
        </p>
        {canEdit ? (
          <div className="flex flex-wrap justify-center gap-3">
            {MARKETPLACE_METAS.map((m) => (
              <a
                key={m.id}
                href={connectHref(m.id)}
                className={`rounded px-4 py-2 font-medium text-white focus-visible:outline-2 focus-visible:outline-offset-2 ${m.buttonClass}`}
              >
                Connect {m.label}
              </a>
            ))}
          </div>
        ) : (
          <p className="text-sm">Ask an owner or manager to connect a shop.</p>
        )}
      </section>
    </div>
  );
}
