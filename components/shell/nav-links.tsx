"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const NAV = [
  { href: "/inventory", label: "Inventory" },
  { href: "/sales", label: "Sales" },
  { href: "/connections", label: "Connections" },
  { href: "/settings", label: "Settings" },
  { href: "/members", label: "Members" },
];

export function NavLinks() {
  const path = usePathname();
  return (
    <nav aria-label="Main" className="mx-auto flex max-w-6xl gap-1 px-4">
      {NAV.map((n) => {
        const active = path === n.href || path.startsWith(`${n.href}/`);
        return (
          <Link
            key={n.href}
            href={n.href}
            aria-current={active ? "page" : undefined}
            className={`border-b-2 px-3 py-2 text-sm font-medium ${active ? "border-indigo-600 text-indigo-700" : "border-transparent text-gray-600 hover:text-gray-900"}`}
          >
            {n.label}
          </Link>
        );
      })}
    </nav>
  );
}
