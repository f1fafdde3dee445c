import type { Metadata } from "next";
import Link from "next/link";
import { requireAdmin } from "@/lib/admin/guard";
import { signOut } from "@/lib/auth";

export const metadata: Metadata = { title: { default: "Admin", template: "%s · Admin · Stockroom" }, robots: { index: false } };

const NAV = [
  { href: "/admin", label: "Overview" },
  { href: "/admin/organizations", label: "Organizations" },
  { href: "/admin/users", label: "Users" },
  { href: "/admin/sync-runs", label: "Sync runs" },
  { href: "/admin/outbox", label: "Email outbox" },
  { href: "/admin/audit", label: "Audit log" },
];

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const admin = await requireAdmin();
  return (
    <div className="min-h-screen">
      <header className="border-b border-gray-200 bg-gray-900 text-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-2 px-4 py-3 sm:px-6">
          <p className="font-semibold">Stockroom admin</p>
          <div className="flex items-center gap-3 text-sm text-gray-300">
            <span>{admin.email}</span>
            <Link href="/inventory" className="hover:text-white hover:underline">
              Seller app
            </Link>
            <form
              action={async () => {
                "use server";
                await signOut({ redirectTo: "/sign-in" });
              }}
            >
              <button type="submit" className="rounded-md border border-gray-600 px-3 py-1 font-medium text-gray-100 hover:bg-gray-700">
                Sign out
              </button>
            </form>
          </div>
        </div>
        <nav aria-label="Admin" className="mx-auto flex max-w-7xl flex-wrap gap-1 px-4 pb-2 text-sm sm:px-6">
          {NAV.map((n) => (
            <Link key={n.href} href={n.href} className="rounded-md px-2 py-1 text-gray-100 hover:bg-gray-700 hover:text-white sm:px-3">
              {n.label}
            </Link>
          ))}
        </nav>
      </header>
      <main className="mx-auto max-w-7xl px-6 py-8">{children}</main>
    </div>
  );
}
