import { randomUUID } from "node:crypto";
import { migrateDb } from "@/db/migrate";
import { registerAccount } from "@/lib/auth/sign-up";

export const TEST_PASSWORD = "correct horse battery";

export function uniqueEmail(label = "user"): string {
  return `${label}-${randomUUID().slice(0, 8)}@example.test`;
}

/** A signed-up seller (user + organization + owner membership) through the real sign-up. */
export async function newSeller(label = "seller") {
  await migrateDb();
  return registerAccount({ name: `Test ${label}`, email: uniqueEmail(label), password: TEST_PASSWORD, organization: `${label} ${randomUUID().slice(0, 6)}` });
}
