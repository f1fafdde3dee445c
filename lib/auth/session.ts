import { eq } from "drizzle-orm";
import { redirect } from "next/navigation";
import { cache } from "react";
import { db } from "@/db/client";
import { users, type User } from "@/db/schema";
import { auth } from "./config";

/** Pure: whether a session signed in at `signedInAt` (ms) may still act as `user`. */
export function sessionStillValid(user: Pick<User, "disabledAt" | "sessionsValidFrom">, signedInAt: number): boolean {
  if (user.disabledAt) return false;
  return !user.sessionsValidFrom || signedInAt >= user.sessionsValidFrom.getTime();
}

/** The signed-in user, fresh from the database. A disabled account, or a session from before a password reset, counts as signed out. */
export const currentUser = cache(async (): Promise<User | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const [user] = await db.select().from(users).where(eq(users.id, id));
  return user && sessionStillValid(user, session.user.signedInAt ?? 0) ? user : null;
});

/** The signed-in user's id, or null; every guard starts here, so a session a reset ended reaches nothing. */
export async function sessionUserId(): Promise<string | null> {
  return (await currentUser())?.id ?? null;
}

/** For pages: the signed-in user, or a redirect to /sign-in. */
export async function requireUser(): Promise<User> {
  const user = await currentUser();
  if (!user) redirect("/sign-in");
  return user;
}
