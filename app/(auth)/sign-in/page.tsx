import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { currentUser, oauthProviders, signIn } from "@/lib/auth";
import { safeNextPath } from "@/lib/auth/redirects";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string; error?: string }> }) {
  const { next, error } = await searchParams;
  if (await currentUser()) redirect(safeNextPath(next));
  const providers = oauthProviders();
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">Sign in</h1>
      {error ? <p className="mb-4 text-sm text-red-700">Sign-in did not complete. Try again.</p> : null}
      <SignInForm next={next} />
      {providers.length > 0 ? (
        <div className="mt-6 space-y-2 border-t border-gray-100 pt-6">
          {providers.map((p) => (
            <form
              key={p.id}
              action={async () => {
                "use server";
                await signIn(p.id, { redirectTo: safeNextPath(next) });
              }}
            >
              <button type="submit" className="w-full rounded-md border border-gray-300 px-4 py-2 text-sm font-medium hover:bg-gray-50">
                Continue with {p.name}
              </button>
            </form>
          ))}
        </div>
      ) : null}
      <p className="mt-6 text-sm text-gray-600">
        New to Stockroom?{" "}
        <Link href={next ? `/sign-up?next=${encodeURIComponent(next)}` : "/sign-up"} className="font-medium text-indigo-700 hover:underline">
          Create an account
        </Link>
      </p>
    </>
  );
}
