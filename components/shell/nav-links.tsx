"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const NAV = [
  { href: "/inventory", label: "Inventory" },
  { href: "/reorder", label: "To reorder" },
  { href: "/sales", label: "Sales" },
  { href: "/sync", label: "Sync" },
  { href: "/connections", label: "Connections" },
  { href: "/settings", label: "Settings" },
  { href: "/members", label: "Members" },
];

export function NavLinks() {
  const path = usePathname();
  return (
    <nav aria-label="Main" className="mx-auto flex max-w-6xl flex-wrap gap-x-1 px-2 sm:px-4">
      {NAV.map((n) => {
        const active = path === n.href || path.startsWith(`${n.href}/`);
        return (
          <Link
            key={n.href}
            href={n.href}
            aria-current={active ? "page" : undefined}
            className={`border-b-2 px-2 py-2 text-sm font-medium sm:px-3 ${active ? "border-indigo-600 text-indigo-700" : "border-transparent text-gray-600 hover:text-gray-900"}`}
          >
            {n.label}
          </Link>
        );
      })}
    </nav>
  );
}
