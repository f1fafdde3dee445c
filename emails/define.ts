import type { ReactElement } from "react";

/** One email: its subject and body from the same props. */
export type EmailTemplate<P> = { subject: (props: P) => string; render: (props: P) => ReactElement };

export function defineEmail<P>(template: EmailTemplate<P>): EmailTemplate<P> {
  return template;
}
