import { eq } from "drizzle-orm";
import { redirect } from "next/navigation";
import { cache } from "react";
import { db } from "@/db/client";
import { users, type User } from "@/db/schema";
import { auth } from "./config";

/** The signed-in user's id, or null. */
export async function sessionUserId(): Promise<string | null> {
  const session = await auth();
  return session?.user?.id || null;
}

/** The signed-in user, fresh from the database (a disabled account counts as signed out). */
export const currentUser = cache(async (): Promise<User | null> => {
  const id = await sessionUserId();
  if (!id) return null;
  const [user] = await db.select().from(users).where(eq(users.id, id));
  return user && !user.disabledAt ? user : null;
});

/** For pages: the signed-in user, or a redirect to /sign-in. */
export async function requireUser(): Promise<User> {
  const user = await currentUser();
  if (!user) redirect("/sign-in");
  return user;
}
