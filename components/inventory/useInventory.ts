"use client";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/components/ui/fetch-json";
import type { AdjustmentResult } from "@/lib/inventory/manual";
import type { InventoryResponse, StockChange } from "./types";

const key = (search: string) => ["inventory", search] as const;

/** Pure: the row as it will look once the change lands (optimistic UI). */
export function predictOnHand(onHand: number, c: StockChange): number {
  return c.set !== undefined ? c.set : onHand + (c.delta ?? 0);
}

export function useInventory(search: string, initial?: InventoryResponse) {
  return useQuery({
    queryKey: key(search),
    queryFn: () => fetchJson<InventoryResponse>(`/api/inventory?${search}`),
    initialData: initial,
    placeholderData: keepPreviousData,
    // While a push or a first import is under way, follow it until it settles.
    refetchInterval: (q) => {
      const d = q.state.data;
      if (!d) return false;
      return d.importing.length > 0 || d.rows.some((r) => r.channels.some((c) => c.pushStatus === "pending")) ? 2_000 : false;
    },
  });
}

function syncs(data: InventoryResponse, c: InventoryResponse["rows"][number]["channels"][number]): boolean {
  const conn = data.connections.find((x) => x.id === c.connectionId);
  return (c.rule ?? conn?.rule) !== "dont_sync";
}

function patchRows(data: InventoryResponse | undefined, ids: Set<string>, change: StockChange): InventoryResponse | undefined {
  if (!data) return data;
  return {
    ...data,
    rows: data.rows.map((r) =>
      ids.has(r.id)
        ? {
            ...r,
            onHand: predictOnHand(r.onHand, change),
            // A "don't sync" item is never written, so it never waits for a push.
            channels: r.channels.map((c) => (syncs(data, c) ? { ...c, pushStatus: "pending" as const } : c)),
          }
        : r,
    ),
  };
}

/** Optimistic stock edit of one or many rows; rolls back and reports the server's message on failure. */
export function useStockEdit(search: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { productIds: string[]; change: StockChange }) =>
      v.productIds.length === 1
        ? fetchJson<AdjustmentResult>("/api/inventory/adjust", {
            method: "POST",
            json: { productId: v.productIds[0], ...v.change },
          }).then((r) => [r])
        : fetchJson<AdjustmentResult[]>("/api/inventory/bulk", {
            method: "POST",
            json: { productIds: v.productIds, ...v.change },
          }),
    onMutate: async (v) => {
      await qc.cancelQueries({ queryKey: key(search) });
      const previous = qc.getQueryData<InventoryResponse>(key(search));
      qc.setQueryData<InventoryResponse>(key(search), (d) => patchRows(d, new Set(v.productIds), v.change));
      return { previous };
    },
    onError: (_e, _v, context) => {
      if (context?.previous) qc.setQueryData(key(search), context.previous);
    },
    onSuccess: (results) => {
      // The server's value wins: another person may have edited the same product meanwhile.
      const byId = new Map(results.map((r) => [r.productId, r.onHand]));
      qc.setQueryData<InventoryResponse>(
        key(search),
        (d) =>
          d && {
            ...d,
            rows: d.rows.map((r) => (byId.has(r.id) ? { ...r, onHand: byId.get(r.id) ?? r.onHand } : r)),
          },
      );
    },
    onSettled: () => qc.invalidateQueries({ queryKey: ["inventory"] }),
  });
}
