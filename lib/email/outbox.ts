import { render } from "@react-email/render";
import type { DbOrTx } from "@/db/client";
import { emailOutbox } from "@/db/schema";
import { emailTemplates, type EmailTemplate, type TemplateName, type TemplateProps } from "@/emails";

export type EnqueueInput<K extends TemplateName> = {
  orgId?: string | null;
  to: string;
  template: K;
  props: TemplateProps<K>;
  /** The same key never sends twice (e.g. `alert:{alertId}`). */
  dedupeKey?: string;
};

export async function renderEmail<K extends TemplateName>(template: K, props: TemplateProps<K>) {
  const t = emailTemplates[template] as EmailTemplate<TemplateProps<K>>;
  const element = t.render(props);
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject: t.subject(props), html, text };
}

/**
 * Puts an email in the outbox, rendered, inside the caller's transaction: it is sent
 * only if that transaction commits, and retried until it goes out. After committing,
 * call deliverPendingEmails (or deliverEmailsSoon) to send it at once.
 * Returns the outbox id, or null when dedupeKey was already used.
 */
export async function enqueueEmail<K extends TemplateName>(dbOrTx: DbOrTx, input: EnqueueInput<K>): Promise<string | null> {
  const rendered = await renderEmail(input.template, input.props);
  const rows = await dbOrTx
    .insert(emailOutbox)
    .values({
      orgId: input.orgId ?? null,
      to: input.to,
      template: input.template,
      props: input.props as Record<string, unknown>,
      dedupeKey: input.dedupeKey ?? null,
      ...rendered,
    })
    .onConflictDoNothing({ target: emailOutbox.dedupeKey })
    .returning({ id: emailOutbox.id });
  return rows[0]?.id ?? null;
}

