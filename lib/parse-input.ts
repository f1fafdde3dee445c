import type { z } from "zod";
import { Invalid } from "@/lib/errors";

/** Parses input for a lib function; a bad value becomes Invalid with a message per field, for the form to show. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const fields: Record<string, string> = {};
  for (const issue of r.error.issues) {
    // The top-level field: a bad element of a list (alertRecipients.2) belongs to the list's input.
    const key = issue.path.length ? String(issue.path[0]) : "form";
    fields[key] ??= issue.message;
  }
  const first = r.error.issues[0];
  throw new Invalid(first ? first.message : "Check the highlighted fields.", fields);
}
