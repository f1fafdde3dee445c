"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { StockEditCell } from "@/components/inventory/StockEditCell";
import { fetchJson } from "@/components/ui/fetch-json";

export function ProductStockEditor({ productId, title, onHand }: { productId: string; title: string; onHand: number }) {
  const router = useRouter();
  const [shown, setShown] = useState(onHand);
  const [error, setError] = useState<string | null>(null);
  return (
    <StockEditCell
      label={title}
      onHand={shown}
      error={error}
      onSave={async (change) => {
        setError(null);
        const previous = shown;
        setShown(change.set ?? shown + (change.delta ?? 0));
        try {
          const r = await fetchJson<{ onHand: number }>("/api/inventory/adjust", { method: "POST", json: { productId, ...change } });
          setShown(r.onHand);
          router.refresh();
        } catch (e) {
          setShown(previous);
          setError(e instanceof Error ? e.message : "Could not save.");
        }
      }}
    />
  );
}
