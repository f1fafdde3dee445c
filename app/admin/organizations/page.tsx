import Link from "next/link";
import { formatDateTime, readParams, type SearchParams } from "@/components/admin/format";
import { Pagination } from "@/components/ui/pagination";
import { FilterForm, SelectFilter, TextFilter } from "@/components/ui/filters";
import { Badge, PageTitle } from "@/components/admin/table";
import { Empty, Table, Td } from "@/components/ui/table";
import { requireAdmin } from "@/lib/admin/guard";
import { withoutInvalidParams } from "@/lib/parse-input";
import { listOrganizations } from "@/lib/admin/organizations";
import { orgListQuery } from "@/lib/admin/schemas";

export const metadata = { title: "Organizations" };

export default async function AdminOrganizationsPage({ searchParams }: { searchParams: SearchParams }) {
  await requireAdmin();
  const params = await readParams(searchParams);
  const q = orgListQuery.parse(withoutInvalidParams(orgListQuery, params));
  const result = await listOrganizations(q);
  return (
    <>
      <PageTitle sub="Every tenant. Search by name, slug or a member's email.">Organizations</PageTitle>
      <FilterForm resetHref="/admin/organizations">
        <TextFilter name="q" label="Search" value={q.q} placeholder="Name, slug or member email" />
        <SelectFilter
          name="status"
          label="Status"
          value={q.status}
          options={[
            { value: "all", label: "All" },
            { value: "active", label: "Active" },
            { value: "disabled", label: "Disabled" },
          ]}
        />
      </FilterForm>
      <Table caption="Organizations" head={["Organization", "Status", "Members", "Connections", "Products", "Orders", "Last activity", "Created"]}>
        {result.rows.length === 0 ? <Empty cols={8}>No organization matches.</Empty> : null}
        {result.rows.map((o) => (
          <tr key={o.id}>
            <Td>
              <Link href={`/admin/organizations/${o.id}`} className="font-medium text-indigo-700 hover:underline">
                {o.name}
              </Link>
              <p className="text-xs text-gray-500">{o.slug}</p>
            </Td>
            <Td>
              <Badge status={o.disabledAt ? "disabled" : "active"} />
            </Td>
            <Td>{o.members}</Td>
            <Td>{o.connections}</Td>
            <Td>{o.products.toLocaleString("en-US")}</Td>
            <Td>{o.orders.toLocaleString("en-US")}</Td>
            <Td>{formatDateTime(o.lastActivityAt)}</Td>
            <Td>{formatDateTime(o.createdAt)}</Td>
          </tr>
        ))}
      </Table>
      <Pagination page={result.page} pageCount={result.pageCount} total={result.total} params={params} noun="organizations" />
    </>
  );
}
