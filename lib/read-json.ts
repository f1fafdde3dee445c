import { Invalid } from "@/lib/errors";

/** A route handler's JSON body; malformed JSON is the client's mistake (400), not ours. The lib function validates the shape. */
export async function readJson<T>(req: Request): Promise<T> {
  try {
    return (await req.json()) as T;
  } catch {
    throw new Invalid("The request body must be JSON.");
  }
}
