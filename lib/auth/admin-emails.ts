import { env } from "@/lib/env";

/** Whether ADMIN_EMAILS lists this address (case-insensitive). The grant itself waits for a verified address. */
export function isAdminEmail(email: string): boolean {
  return env().ADMIN_EMAILS.some((a) => a.toLowerCase() === email.toLowerCase());
}
