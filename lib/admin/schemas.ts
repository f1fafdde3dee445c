import { z } from "zod";
import { AUDIT_ACTIONS, MARKETPLACES, SYNC_KINDS } from "@/db/schema";

// One schema per input: the forms, the server actions, the pages' search params and the
// tests all parse with these. List filters come from the URL, so a bad value falls back
// to the default instead of failing the page.

const page = z.coerce.number().int().min(1).max(100_000).catch(1);
const text = z.string().trim().max(200).catch("");
const optionalDate = z
  .string()
  .trim()
  .optional()
  .transform((s) => {
    if (!s) return undefined;
    // A datetime-local input sends no zone; the admin pages speak UTC.
    const d = new Date(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(s) ? `${s}Z` : s);
    return Number.isNaN(d.getTime()) ? undefined : d;
  })
  .catch(undefined);
const uuid = z.uuid("That id is not valid.");

export const orgListQuery = z.object({
  q: text.default(""),
  status: z.enum(["all", "active", "disabled"]).catch("all").default("all"),
  page: page.default(1),
});
export type OrgListQuery = z.infer<typeof orgListQuery>;

export const userListQuery = z.object({
  q: text.default(""),
  page: page.default(1),
});
export type UserListQuery = z.infer<typeof userListQuery>;

export const syncRunListQuery = z.object({
  status: z.enum(["failed", "partial", "running", "succeeded", "all"]).catch("failed").default("failed"),
  marketplace: z.enum(MARKETPLACES).optional().catch(undefined),
  kind: z.enum(SYNC_KINDS).optional().catch(undefined),
  errorClass: text.default(""),
  from: optionalDate,
  to: optionalDate,
  page: page.default(1),
});
export type SyncRunListQuery = z.infer<typeof syncRunListQuery>;

export const outboxListQuery = z.object({
  status: z.enum(["failed", "pending", "sending", "sent", "all"]).catch("failed").default("failed"),
  q: text.default(""),
  page: page.default(1),
});
export type OutboxListQuery = z.infer<typeof outboxListQuery>;

export const auditListQuery = z.object({
  orgId: z.uuid().optional().catch(undefined),
  actor: text.default(""),
  action: z.enum(AUDIT_ACTIONS).optional().catch(undefined),
  from: optionalDate,
  to: optionalDate,
  page: page.default(1),
});
export type AuditListQuery = z.infer<typeof auditListQuery>;

export const disableOrgInput = z.object({
  orgId: uuid,
  reason: z.string().trim().min(3, "Say why, in a few words: the owner sees this when signing in.").max(500),
});
export const orgIdInput = z.object({ orgId: uuid });
export const connectionIdInput = z.object({ connectionId: uuid });
export const userIdInput = z.object({ userId: z.string().min(1, "Pick a user.").max(100) });
// Forms send repeated checkbox fields; one id arrives as a string.
const idList = (max: number) =>
  z
    .union([uuid, z.array(uuid)])
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .pipe(z.array(uuid).min(1, "Select at least one.").max(max, `Select at most ${max} at a time.`));
// Re-runs execute while the admin waits, so a batch stays small.
export const syncRunIdsInput = z.object({ runIds: idList(25) });
export const emailIdsInput = z.object({ emailIds: idList(100) });
