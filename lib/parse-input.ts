import type { z } from "zod";
import { invalidFromZod } from "@/lib/errors";

/** Parses input for a lib function; a bad value becomes Invalid with a message per field, for the form to show. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  throw invalidFromZod(r.error);
}
