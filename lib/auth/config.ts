import { DrizzleAdapter } from "@auth/drizzle-adapter";
import { eq } from "drizzle-orm";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import { db } from "@/db/client";
import { accounts, sessions, users, verificationTokens } from "@/db/schema";
import { env, type Env } from "@/lib/env";
import { authenticateWithPassword, signInRefusal } from "./authenticate";
import { SignInRefused } from "./errors";
import { signInSchema } from "./schemas";
import { queueVerificationEmail } from "./email-verification";

declare module "next-auth" {
  interface Session {
    user: { id: string; platformRole: "admin" | null; signedInAt: number; name?: string | null; email?: string | null; image?: string | null };
  }
}

/** OAuth providers whose credentials are configured; the sign-in page shows a button for each. */
export function oauthProviders(e: Env = env()): { id: "google" | "github"; name: string }[] {
  return [
    ...(e.AUTH_GOOGLE_ID && e.AUTH_GOOGLE_SECRET ? [{ id: "google" as const, name: "Google" }] : []),
    ...(e.AUTH_GITHUB_ID && e.AUTH_GITHUB_SECRET ? [{ id: "github" as const, name: "GitHub" }] : []),
  ];
}

export function requestIp(headers: Headers): string | null {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip") || null;
}

function config(): NextAuthConfig {
  const e = env();
  const enabled = new Set(oauthProviders(e).map((p) => p.id));
  return {
    secret: e.AUTH_SECRET,
    trustHost: true,
    // Credentials sign-in only works with JWT sessions; the adapter stores OAuth users and accounts.
    session: { strategy: "jwt" },
    adapter: DrizzleAdapter(db, { usersTable: users, accountsTable: accounts, sessionsTable: sessions, verificationTokensTable: verificationTokens }),
    pages: { signIn: "/sign-in", error: "/sign-in" },
    // A refused sign-in is expected traffic (audited and throttled), not a server error.
    logger: {
      error(error) {
        if (error instanceof CredentialsSignin || (error as { type?: string }).type === "CredentialsSignin") return;
        console.error(error);
      },
    },
    providers: [
      Credentials({
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(raw, request) {
          const parsed = signInSchema.safeParse(raw);
          if (!parsed.success) return null;
          const result = await authenticateWithPassword(parsed.data, requestIp(request.headers));
          if (!result.ok) throw new SignInRefused(result);
          return result.user;
        },
      }),
      ...(enabled.has("google") ? [Google({ clientId: e.AUTH_GOOGLE_ID, clientSecret: e.AUTH_GOOGLE_SECRET })] : []),
      ...(enabled.has("github") ? [GitHub({ clientId: e.AUTH_GITHUB_ID, clientSecret: e.AUTH_GITHUB_SECRET })] : []),
    ],
    events: {
      // OAuth sign-ups go through the adapter, not registerAccount: they confirm their address
      // the same way (a provider's email is not always verified), then ADMIN_EMAILS applies.
      async createUser({ user }) {
        const id = user.id;
        const email = user.email;
        if (id && email) await db.transaction((tx) => queueVerificationEmail(tx, { id, email, name: user.name ?? null }));
      },
    },
    callbacks: {
      async signIn({ user, account }) {
        if (account?.provider === "credentials" || !user.id) return true;
        const [row] = await db.select().from(users).where(eq(users.id, user.id));
        return !row || !(await signInRefusal(row));
      },
      async jwt({ token, user }) {
        if (user?.id) {
          token.sub = user.id;
          token.signedInAt = Date.now();
          const [row] = await db.select({ platformRole: users.platformRole }).from(users).where(eq(users.id, user.id));
          token.platformRole = row?.platformRole ?? null;
        }
        return token;
      },
      session({ session, token }) {
        session.user.id = token.sub ?? "";
        session.user.platformRole = token.platformRole === "admin" ? "admin" : null;
        session.user.signedInAt = typeof token.signedInAt === "number" ? token.signedInAt : 0;
        return session;
      },
    },
  };
}

export const { auth, signIn, signOut, handlers } = NextAuth(() => config());
