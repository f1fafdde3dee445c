import type { ReactNode } from "react";

/** A GET form: the filters live in the URL, so a filtered page can be bookmarked and shared. */
export function FilterForm({ children, resetHref, label }: { children: ReactNode; resetHref: string; label?: string }) {
  return (
    <form method="get" role="search" aria-label={label} className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-gray-200 bg-white p-3">
      {children}
      <button type="submit" className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700">
        Apply
      </button>
      <a href={resetHref} className="px-2 py-2 text-sm text-gray-600 hover:underline">
        Reset
      </a>
    </form>
  );
}

const control = "mt-1 block rounded-md border border-gray-300 px-3 py-2 text-sm";

export function TextFilter({ name, label, value, placeholder, type = "search" }: { name: string; label: string; value?: string; placeholder?: string; type?: "search" | "date" | "datetime-local" }) {
  return (
    <label className="text-sm font-medium text-gray-700">
      {label}
      <input type={type} name={name} defaultValue={value ?? ""} placeholder={placeholder} className={`${control} ${type === "search" ? "w-64" : ""}`} />
    </label>
  );
}

export function SelectFilter({ name, label, value, options }: { name: string; label: string; value?: string; options: { value: string; label: string }[] }) {
  return (
    <label className="text-sm font-medium text-gray-700">
      {label}
      <select name={name} defaultValue={value ?? ""} className={control}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
