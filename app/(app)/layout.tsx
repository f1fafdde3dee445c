import Link from "next/link";
import { signOut } from "@/lib/auth";
import { requireOrg } from "@/lib/tenancy";
import { NavLinks } from "@/components/shell/nav-links";
import { OrgSwitcher } from "@/components/shell/org-switcher";
import { VerifyEmailBanner } from "@/components/shell/verify-email-banner";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const { org, organizations, user, role } = await requireOrg();
  return (
    <div className="min-h-screen">
      <header className="border-b border-gray-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-4 px-6 py-3">
          <Link href="/inventory" className="text-lg font-bold tracking-tight">
            Stockroom
          </Link>
          <OrgSwitcher current={org} organizations={organizations} role={role} />
          <div className="ml-auto flex items-center gap-3 text-sm text-gray-600">
            <span title={user.email}>{user.name ?? user.email}</span>
            <form
              action={async () => {
                "use server";
                await signOut({ redirectTo: "/sign-in" });
              }}
            >
              <button type="submit" className="rounded-md border border-gray-300 px-3 py-1.5 text-sm font-medium hover:bg-gray-50">
                Sign out
              </button>
            </form>
          </div>
        </div>
        <NavLinks />
      </header>
      {user.emailVerified ? null : <VerifyEmailBanner email={user.email} />}
      <main className="mx-auto max-w-6xl px-6 py-8">{children}</main>
    </div>
  );
}
