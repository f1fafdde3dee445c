"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { MarketplaceName } from "@/components/ui/badges";
import { fetchJson } from "@/components/ui/fetch-json";
import { BundleEditor } from "@/components/products/BundleEditor";
import type { listUnlinkedItems, searchProductsForPicker } from "@/lib/inventory/link";

type Item = Awaited<ReturnType<typeof listUnlinkedItems>>[number];
type Choice = Awaited<ReturnType<typeof searchProductsForPicker>>[number];

export function UnlinkedItems({ canEdit }: { canEdit: boolean }) {
  const [q, setQ] = useState("");
  const items = useQuery({ queryKey: ["unlinked", q], queryFn: () => fetchJson<Item[]>(`/api/inventory/unlinked?q=${encodeURIComponent(q)}`) });
  return (
    <section aria-labelledby="unlinked-h" className="space-y-3">
      <h2 id="unlinked-h" className="text-lg font-semibold">
        Channel items without a product
      </h2>
      <p className="text-sm text-gray-600">Stock of these listings is not synced. Link each to a product, or create a product from it.</p>
      <label className="flex max-w-sm flex-col text-xs font-medium text-gray-700">
        Search items
        <input type="search" value={q} onChange={(e) => setQ(e.target.value)} className="rounded border border-gray-300 px-2 py-1 text-sm font-normal" />
      </label>
      {items.error ? <p role="alert">{items.error.message}</p> : null}
      <ul className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white">
        {(items.data ?? []).map((item) => (
          <UnlinkedRow key={item.id} item={item} canEdit={canEdit} />
        ))}
        {items.data?.length === 0 ? <li className="p-4 text-sm text-gray-600">Every channel item is linked to a product.</li> : null}
      </ul>
    </section>
  );
}

function UnlinkedRow({ item, canEdit }: { item: Item; canEdit: boolean }) {
  const qc = useQueryClient();
  const [asBundle, setAsBundle] = useState(false);
  const link = useMutation({
    mutationFn: (body: { mode: "existing"; productId: string } | { mode: "create" }) =>
      fetchJson<{ productId: string }>("/api/inventory/link", { method: "POST", json: { itemId: item.id, ...body } }),
    onSuccess: () => qc.invalidateQueries(),
  });
  return (
    <li className="flex flex-wrap items-center gap-3 p-3 text-sm">
      <div className="min-w-48 flex-1">
        <div className="font-medium">
          {item.title}
          {item.variation ? <span className="text-gray-600"> · {item.variation}</span> : null}
        </div>
        <div className="text-xs text-gray-600">
          {item.shopName} (<MarketplaceName marketplace={item.marketplace} />) · SKU <span className="font-mono">{item.sku}</span>
          {item.skuGenerated ? " (generated)" : ""} · {item.quantity ?? "?"} on the channel
          {item.listingUrl ? (
            <>
              {" · "}
              <a href={item.listingUrl} target="_blank" rel="noreferrer" className="text-indigo-700 underline">
                View listing
              </a>
            </>
          ) : null}
        </div>
      </div>
      {canEdit ? (
        <>
          <ProductPicker label={`Link ${item.title} to`} disabled={link.isPending} onPick={(p) => link.mutate({ mode: "existing", productId: p.id })} />
          <button
            type="button"
            disabled={link.isPending}
            onClick={() => link.mutate({ mode: "create" })}
            className="rounded border border-gray-300 px-3 py-1 hover:bg-gray-50 focus-visible:outline-2 focus-visible:outline-indigo-600"
          >
            Create product
          </button>
          <button
            type="button"
            aria-expanded={asBundle}
            onClick={() => setAsBundle((v) => !v)}
            className="rounded border border-gray-300 px-3 py-1 hover:bg-gray-50 focus-visible:outline-2 focus-visible:outline-indigo-600"
          >
            This listing is a bundle of…
          </button>
        </>
      ) : null}
      {canEdit && asBundle ? (
        <div className="w-full rounded border border-gray-200 p-3">
          <BundleEditor
            label={`Bundle for ${item.title}`}
            endpoint={`/api/channel-items/${item.id}/bundle`}
            method="POST"
            initial={[]}
            submitLabel="Create bundle product"
            savedMessage="Created. The listing shows what its components allow."
          />
        </div>
      ) : null}
      {link.error ? (
        <p role="alert" className="w-full text-xs text-red-700">
          {link.error.message}
        </p>
      ) : null}
    </li>
  );
}

/** A searchable combobox of the org's products (ARIA 1.2 pattern: input + listbox, arrow keys + Enter). */
export function ProductPicker({ label, onPick, disabled, placeholder = "Link to product…" }: { label: string; onPick: (p: Choice) => void; disabled?: boolean; placeholder?: string }) {
  const id = useId();
  const [q, setQ] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const choices = useQuery({
    queryKey: ["picker", q],
    queryFn: () => fetchJson<Choice[]>(`/api/inventory/picker?q=${encodeURIComponent(q)}`),
    enabled: open,
  });
  const list = choices.data ?? [];
  const pick = (p: Choice | undefined) => {
    if (!p) return;
    onPick(p);
    setOpen(false);
    setQ("");
  };
  return (
    <div className="relative">
      <label htmlFor={`${id}-input`} className="sr-only">
        {label}
      </label>
      <input
        id={`${id}-input`}
        role="combobox"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-activedescendant={open && list[active] ? `${id}-opt-${active}` : undefined}
        aria-autocomplete="list"
        placeholder={placeholder}
        disabled={disabled}
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          setOpen(true);
          setActive(0);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") setActive((a) => Math.min(a + 1, list.length - 1));
          else if (e.key === "ArrowUp") setActive((a) => Math.max(a - 1, 0));
          else if (e.key === "Enter") {
            e.preventDefault();
            pick(list[active]);
          } else if (e.key === "Escape") setOpen(false);
        }}
        className="w-56 rounded border border-gray-300 px-2 py-1"
      />
      {open ? (
        <ul
          id={`${id}-list`}
          role="listbox"
          aria-label="Products"
          className="absolute z-10 mt-1 max-h-64 w-72 overflow-auto rounded border border-gray-200 bg-white shadow-lg"
        >
          {list.map((p, i) => (
            <li
              key={p.id}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(p);
              }}
              className={`cursor-pointer px-2 py-1 ${i === active ? "bg-indigo-100" : ""}`}
            >
              {p.title} <span className="font-mono text-xs text-gray-600">{p.sku}</span>
            </li>
          ))}
          {choices.isSuccess && list.length === 0 ? <li className="px-2 py-1 text-gray-600">No product matches.</li> : null}
        </ul>
      ) : null}
    </div>
  );
}
