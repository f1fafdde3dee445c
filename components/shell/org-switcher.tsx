import type { Role } from "@/db/schema";
import type { UserOrganization } from "@/lib/orgs/organizations";

/** Opens one of the user's organizations (a POST, so no cross-site link can switch it). */
export function OpenOrgButton({ id, className, children, current }: { id: string; className?: string; children: React.ReactNode; current?: boolean }) {
  return (
    <form method="post" action={`/orgs/${id}/open`}>
      <button type="submit" className={className} aria-current={current ? "true" : undefined}>
        {children}
      </button>
    </form>
  );
}

/** A plain <details> menu: works without JavaScript. */
export function OrgSwitcher({ current, organizations, role }: { current: UserOrganization; organizations: UserOrganization[]; role: Role }) {
  return (
    <details className="relative">
      <summary className="flex cursor-pointer list-none items-center gap-2 rounded-md border border-gray-200 px-3 py-1.5 text-sm hover:bg-gray-50" aria-label="Switch organization">
        <span className="font-medium" data-testid="current-org">
          {current.name}
        </span>
        <span className="rounded bg-gray-100 px-1.5 py-0.5 text-xs text-gray-600">{role}</span>
      </summary>
      <div className="absolute z-10 mt-1 w-64 rounded-md border border-gray-200 bg-white py-1 shadow-lg">
        <p className="px-3 py-1 text-xs font-semibold uppercase tracking-wide text-gray-500">Your organizations</p>
        <ul>
          {organizations.map((o) => (
            <li key={o.id}>
              <OpenOrgButton id={o.id} className="flex w-full justify-between px-3 py-1.5 text-left text-sm hover:bg-gray-50" current={o.id === current.id}>
                <span>{o.name}</span>
                {o.disabledAt ? <span className="text-xs text-red-600">disabled</span> : <span className="text-xs text-gray-500">{o.role}</span>}
              </OpenOrgButton>
            </li>
          ))}
        </ul>
        <a href="/organizations/new" className="block border-t border-gray-100 px-3 py-2 text-sm font-medium text-indigo-700 hover:bg-gray-50">
          Create another organization
        </a>
      </div>
    </details>
  );
}
