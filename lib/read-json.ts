import { Invalid } from "@/lib/errors";

/**
 * A route handler's JSON body: an object, or a 400 (malformed JSON, null, a list or a bare
 * value are the client's mistake, not ours). The lib function validates the fields.
 */
export async function readJson<T>(req: Request): Promise<T> {
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    throw new Invalid("The request body must be JSON.");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new Invalid("The request body must be a JSON object.");
  return body as T;
}
