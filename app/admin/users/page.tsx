import Link from "next/link";
import { formatDateTime, readParams, type SearchParams } from "@/components/admin/format";
import { Pagination } from "@/components/ui/pagination";
import { FilterForm, TextFilter } from "@/components/ui/filters";
import { Badge, PageTitle } from "@/components/admin/table";
import { Empty, Table, Td } from "@/components/ui/table";
import { requireAdmin } from "@/lib/admin/guard";
import { withoutInvalidParams } from "@/lib/parse-input";
import { userListQuery } from "@/lib/admin/schemas";
import { listUsers } from "@/lib/admin/users";

export const metadata = { title: "Users" };

export default async function AdminUsersPage({ searchParams }: { searchParams: SearchParams }) {
  await requireAdmin();
  const params = await readParams(searchParams);
  const q = userListQuery.parse(withoutInvalidParams(userListQuery, params));
  const result = await listUsers(q);
  return (
    <>
      <PageTitle sub="Everyone with an account. Search by email or name.">Users</PageTitle>
      <FilterForm resetHref="/admin/users">
        <TextFilter name="q" label="Search" value={q.q} placeholder="Email or name" />
      </FilterForm>
      <Table caption="Users" head={["Email", "Name", "Organizations", "Role", "Status", "Signed up"]}>
        {result.rows.length === 0 ? <Empty cols={6}>No user matches.</Empty> : null}
        {result.rows.map((u) => (
          <tr key={u.id}>
            <Td>
              <Link href={`/admin/users/${u.id}`} className="font-medium text-indigo-700 hover:underline">
                {u.email}
              </Link>
            </Td>
            <Td>{u.name ?? "—"}</Td>
            <Td>{u.organizations}</Td>
            <Td>{u.platformRole === "admin" ? "Platform admin" : "—"}</Td>
            <Td>
              <Badge status={u.disabledAt ? "disabled" : "active"} />
            </Td>
            <Td>{formatDateTime(u.createdAt)}</Td>
          </tr>
        ))}
      </Table>
      <Pagination page={result.page} pageCount={result.pageCount} total={result.total} params={params} noun="users" />
    </>
  );
}
