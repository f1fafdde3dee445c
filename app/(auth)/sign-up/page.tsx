import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth";
import { isInvitePath, safeNextPath } from "@/lib/auth/redirects";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ next?: string; email?: string }> }) {
  const { next, email } = await searchParams;
  if (await currentUser()) redirect(safeNextPath(next));
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">Create your Stockroom account</h1>
      <SignUpForm next={next} email={email} joining={isInvitePath(safeNextPath(next))} />
      <p className="mt-6 text-sm text-gray-600">
        Already have an account?{" "}
        <Link href={next ? `/sign-in?next=${encodeURIComponent(next)}` : "/sign-in"} className="font-medium text-indigo-700 hover:underline">
          Sign in
        </Link>
      </p>
    </>
  );
}
