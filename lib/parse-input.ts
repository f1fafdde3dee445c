import type { z } from "zod";
import { invalidFromZod } from "@/lib/errors";

/** Parses input for a lib function; a bad value becomes Invalid with a message per field, for the form to show. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  throw invalidFromZod(r.error);
}

type Loose = Record<string, unknown>;

/**
 * For page URLs: the same query without the values `schema` refuses, so each bad one falls
 * back to its default (a bookmark with ?page=0 or an old sort still opens the page) while
 * the good ones are kept. API calls parse strictly instead and answer 400.
 */
export function withoutInvalidParams<T extends Loose>(schema: z.ZodType, query: T): Partial<T> {
  const kept: Loose = { ...query };
  // Each round drops every field the schema complained about; a field-less complaint drops all.
  for (let round = 0; round < Object.keys(query).length + 1; round++) {
    const r = schema.safeParse(kept);
    if (r.success) return kept as Partial<T>;
    for (const issue of r.error.issues) {
      if (issue.path.length === 0) return {};
      delete kept[String(issue.path[0])];
    }
  }
  return {};
}
