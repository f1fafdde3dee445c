import { ActionForm } from "@/components/admin/action-form";
import { formatDateTime, readParams, type SearchParams } from "@/components/admin/format";
import { Pagination } from "@/components/ui/pagination";
import { FilterForm, SelectFilter, TextFilter } from "@/components/ui/filters";
import { Badge, PageTitle } from "@/components/admin/table";
import { Empty, Table, Td } from "@/components/ui/table";
import { requireAdmin } from "@/lib/admin/guard";
import { withoutInvalidParams } from "@/lib/parse-input";
import { listOutbox } from "@/lib/admin/outbox";
import { outboxListQuery } from "@/lib/admin/schemas";
import { retryEmailsAction } from "../actions";

export const metadata = { title: "Email outbox" };

export default async function AdminOutboxPage({ searchParams }: { searchParams: SearchParams }) {
  await requireAdmin();
  const params = await readParams(searchParams);
  const q = outboxListQuery.parse(withoutInvalidParams(outboxListQuery, params));
  const result = await listOutbox(q);
  return (
    <>
      <PageTitle sub="Messages waiting to go out or given up on. Retrying sends them again on the next delivery pass.">Email outbox</PageTitle>
      <FilterForm resetHref="/admin/outbox">
        <SelectFilter name="status" label="Status" value={q.status} options={["failed", "pending", "sending", "sent", "all"].map((s) => ({ value: s, label: s }))} />
        <TextFilter name="q" label="Recipient" value={q.q} placeholder="Email address" />
      </FilterForm>
      <ActionForm action={retryEmailsAction} submitLabel="Retry selected" success="Queued again." variant="primary">
        <Table caption="Outbox messages" head={["", "Created", "To", "Subject", "Status", "Attempts", "Next attempt", "Last error"]}>
          {result.rows.length === 0 ? <Empty cols={8}>No message matches.</Empty> : null}
          {result.rows.map((m) => (
            <tr key={m.id}>
              <Td>
                {m.status === "sent" || m.status === "sending" ? null : <input type="checkbox" name="emailIds" value={m.id} aria-label={`Select the message to ${m.to}: ${m.subject}`} />}
              </Td>
              <Td>{formatDateTime(m.createdAt)}</Td>
              <Td>{m.to}</Td>
              <Td>
                {m.subject} <span className="text-xs text-gray-500">({m.template})</span>
              </Td>
              <Td>
                <Badge status={m.status} />
              </Td>
              <Td>{m.attempts}</Td>
              <Td>{m.status === "pending" ? formatDateTime(m.nextAttemptAt) : "—"}</Td>
              <Td className="max-w-xs text-gray-600">{m.lastError ?? "—"}</Td>
            </tr>
          ))}
        </Table>
      </ActionForm>
      <Pagination page={result.page} pageCount={result.pageCount} total={result.total} params={params} noun="messages" />
    </>
  );
}
