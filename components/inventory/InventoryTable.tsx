"use client";
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable, type RowSelectionState } from "@tanstack/react-table";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useState } from "react";
import { MarketplaceName, StockBadge } from "@/components/ui/badges";
import { ChannelQuantity } from "./ChannelQuantity";
import { BulkEditBar } from "./BulkEditBar";
import { BulkRuleForm } from "./BulkRuleForm";
import { ImportProgress } from "./ImportProgress";
import { InventoryCards } from "./InventoryCards";
import { InventoryToolbar } from "./InventoryToolbar";
import { nextPage, previousPage, withoutPosition } from "./paging";
import { OnHandCell } from "./OnHandCell";
import type { InventoryResponse, ProductRowJson } from "./types";
import { useInventory, useStockEdit } from "./useInventory";
import { ScrollRegion } from "@/components/ui/table";

const col = createColumnHelper<ProductRowJson>();
const SORTABLE: Record<string, string> = {
  title: "title",
  sku: "sku",
  onHand: "on_hand",
};

export function InventoryTable({ initial, initialSearch, canEdit }: { initial: InventoryResponse; initialSearch: string; canEdit: boolean }) {
  const params = useSearchParams();
  const pathname = usePathname();
  const search = params.toString();
  const { data, isFetching, error } = useInventory(search, search === initialSearch ? initial : undefined);
  const edit = useStockEdit(search);
  const [rowErrors, setRowErrors] = useState<Record<string, string>>({});
  const [selection, setSelection] = useState<RowSelectionState>({});
  const [cursors, setCursors] = useState({ query: "", byPage: new Map<number, string>() });

  const setParams = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch))
      if (v === null || v === "") next.delete(k);
      else next.set(k, v);
    // Any other change (search, filter, sort) starts again at the first page.
    if (!("page" in patch)) {
      next.delete("page");
      next.delete("after");
    }
    setSelection({});
    // history.replaceState updates useSearchParams without re-rendering the server page:
    // react-query fetches the JSON, so the URL stays shareable without a double fetch.
    window.history.replaceState(null, "", `${pathname}?${next.toString()}`);
  };
  const sort = params.get("sort") ?? "title";
  const dir = params.get("dir") ?? "asc";

  const save = (ids: string[], change: Parameters<typeof edit.mutate>[0]["change"]) => {
    setRowErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !ids.includes(k))));
    edit.mutate(
      { productIds: ids, change },
      {
        onError: (e) =>
          setRowErrors((prev) => ({
            ...prev,
            ...Object.fromEntries(ids.map((id) => [id, e.message])),
          })),
      },
    );
  };

  const connections = data?.connections ?? [];
  // Rebuilt each render: the channel columns and row errors change with the data.
  const columns = [
    ...(canEdit
      ? [
          col.display({
            id: "select",
            header: ({ table }) => (
              <input
                type="checkbox"
                aria-label="Select all products on this page"
                checked={table.getIsAllRowsSelected()}
                onChange={table.getToggleAllRowsSelectedHandler()}
              />
            ),
            cell: ({ row }) => (
              <input type="checkbox" aria-label={`Select ${row.original.title}`} checked={row.getIsSelected()} onChange={row.getToggleSelectedHandler()} />
            ),
          }),
        ]
      : []),
    col.accessor("imageUrl", {
      header: () => <span className="sr-only">Image</span>,
      cell: (c) =>
        c.getValue() ? (
          // Marketplace image hosts vary per shop; a plain img avoids configuring each one.
          <img src={c.getValue() ?? ""} alt="" className="h-10 w-10 rounded object-cover" loading="lazy" />
        ) : (
          <div className="h-10 w-10 rounded bg-gray-100" aria-hidden />
        ),
    }),
    col.accessor("title", {
      header: "Product",
      cell: (c) => (
        <Link
          href={`/products/${c.row.original.id}`}
          className="font-medium text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600"
        >
          {c.getValue()}
        </Link>
      ),
    }),
    col.accessor("sku", {
      header: "SKU",
      cell: (c) => <span className="whitespace-nowrap font-mono text-xs">{c.getValue()}</span>,
    }),
    col.accessor("onHand", {
      header: "On hand",
      cell: (c) => {
        const r = c.row.original;
        return (
          <div className="flex items-center gap-2">
            <OnHandCell row={r} canEdit={canEdit} error={rowErrors[r.id]} onSave={(change) => save([r.id], change)} />
            <StockBadge onHand={r.onHand} threshold={r.threshold} />
          </div>
        );
      },
    }),
    col.accessor("reserve", {
      header: "Reserve",
      cell: (c) => <span className="tabular-nums">{c.getValue()}</span>,
    }),
    col.accessor("threshold", {
      header: "Low at",
      cell: (c) => <span className="tabular-nums">{c.getValue()}</span>,
    }),
    ...connections.map((conn) =>
      col.display({
        id: `conn-${conn.id}`,
        header: () => (
          <span>
            {conn.name}{" "}
            <span className="font-normal text-gray-500">
              (<MarketplaceName marketplace={conn.marketplace} />)
            </span>
          </span>
        ),
        cell: (c) => {
          const cells = c.row.original.channels.filter((x) => x.connectionId === conn.id);
          if (cells.length === 0) return <span className="text-xs text-gray-500">Not listed</span>;
          return (
            <ul className="space-y-1">
              {cells.map((x) => (
                <li key={x.itemId} className="flex items-center gap-2">
                  <ChannelQuantity cell={x} connection={conn} />
                </li>
              ))}
            </ul>
          );
        },
      }),
    ),
  ];

  const table = useReactTable({
    data: data?.rows ?? [],
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (r) => r.id,
    manualPagination: true,
    manualSorting: true,
    enableRowSelection: canEdit,
    state: { rowSelection: selection },
    onRowSelectionChange: setSelection,
  });

  const total = data?.total ?? 0;
  const page = data?.page ?? 1;
  const pageSize = data?.pageSize ?? 50;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const morePages = data?.totalIsCapped ?? false;
  // The cursor each page of this query was reached with, so Previous can return by cursor too.
  const query = withoutPosition(params);
  const known = cursors.query === query ? cursors.byPage : new Map<number, string>();
  const goNext = () => {
    const to = nextPage(page, data?.nextCursor ?? null);
    if (to.after) setCursors({ query, byPage: new Map(known).set(page + 1, to.after) });
    setParams(to);
  };
  const selectedIds = Object.keys(selection).filter((k) => selection[k]);

  return (
    <div className="space-y-3">
      {data && data.importing.length > 0 ? <ImportProgress importing={data.importing} /> : null}
      <InventoryToolbar params={params} connections={connections} onChange={setParams} />
      {canEdit && selectedIds.length > 0 ? (
        <>
          <BulkEditBar count={selectedIds.length} onApply={(change) => save(selectedIds, change)} onClear={() => setSelection({})} />
          <BulkRuleForm productIds={selectedIds} connections={connections} />
        </>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error.message}
        </p>
      ) : null}
      <InventoryCards rows={data?.rows ?? []} connections={connections} canEdit={canEdit} rowErrors={rowErrors} onSave={(id, change) => save([id], change)} />
      <div className="hidden sm:block">
      <ScrollRegion label="Products">
        <table className="min-w-full text-sm" aria-busy={isFetching}>
          <caption className="sr-only">Products, {total} in total</caption>
          <thead className="bg-gray-50 text-left text-xs uppercase tracking-wide text-gray-600">
            {table.getHeaderGroups().map((hg) => (
              <tr key={hg.id}>
                {hg.headers.map((h) => {
                  const sortKey = SORTABLE[h.column.id];
                  const active = sortKey === sort;
                  return (
                    <th
                      key={h.id}
                      scope="col"
                      className="px-3 py-2 whitespace-nowrap"
                      aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : undefined}
                    >
                      {sortKey ? (
                        <button
                          type="button"
                          className="inline-flex items-center gap-1 uppercase hover:text-gray-900 focus-visible:outline-2 focus-visible:outline-indigo-600"
                          onClick={() =>
                            setParams({
                              sort: sortKey,
                              dir: active && dir === "asc" ? "desc" : "asc",
                            })
                          }
                        >
                          {flexRender(h.column.columnDef.header, h.getContext())}
                          <span aria-hidden>{active ? (dir === "asc" ? "▲" : "▼") : "↕"}</span>
                        </button>
                      ) : (
                        flexRender(h.column.columnDef.header, h.getContext())
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr
                key={row.id}
                data-low={row.original.low || undefined}
                className={`border-t border-gray-100 ${row.original.low ? "bg-amber-50 shadow-[inset_4px_0_0_#f59e0b]" : ""}`}
              >
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className="px-3 py-2 align-middle">
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            ))}
            {table.getRowModel().rows.length === 0 ? (
              <tr>
                <td colSpan={columns.length} className="px-3 py-8 text-center text-gray-600">
                  No products match.{" "}
                  <button
                    type="button"
                    className="text-indigo-700 underline"
                    onClick={() => {
                      setSelection({});
                      window.history.replaceState(null, "", pathname);
                    }}
                  >
                    Clear filters
                  </button>
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </ScrollRegion>
      </div>
      <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <span>
          {total === 0
            ? "No products"
            : `${(page - 1) * pageSize + 1}–${Math.min(page * pageSize, total)} of ${total.toLocaleString("en")}${data?.totalIsCapped ? "+" : ""}`}
        </span>
        <span className="flex gap-2">
          <button
            type="button"
            disabled={page <= 1}
            onClick={() => setParams(previousPage(page, known))}
            className="rounded border border-gray-300 px-3 py-1 disabled:opacity-40 focus-visible:outline-2 focus-visible:outline-indigo-600"
          >
            Previous
          </button>
          <span className="px-2 py-1">
            Page {page} of {pages}
            {morePages ? "+" : ""}
          </span>
          <button
            type="button"
            disabled={(page >= pages && !morePages) || !data?.nextCursor}
            onClick={goNext}
            className="rounded border border-gray-300 px-3 py-1 disabled:opacity-40 focus-visible:outline-2 focus-visible:outline-indigo-600"
          >
            Next
          </button>
        </span>
      </nav>
    </div>
  );
}
