import type { Metadata } from "next";
import Link from "next/link";
import { verifyEmail } from "@/lib/auth/email-verification";
import { Invalid } from "@/lib/errors";

export const metadata: Metadata = { title: "Confirm your email address" };

export default async function VerifyEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  try {
    const { email } = await verifyEmail(token);
    return (
      <>
        <h1 className="mb-4 text-2xl font-semibold">Email address confirmed</h1>
        <p className="text-gray-700">Thank you: {email} is confirmed. Stock alerts and password resets go there.</p>
        <Link href="/inventory" className="mt-6 inline-block font-medium text-indigo-700 hover:underline">
          Open Stockroom
        </Link>
      </>
    );
  } catch (err) {
    if (!(err instanceof Invalid)) throw err;
    return (
      <>
        <h1 className="mb-4 text-2xl font-semibold">This link no longer works</h1>
        <p className="text-gray-700">{err.message}</p>
        <Link href="/sign-in" className="mt-6 inline-block font-medium text-indigo-700 hover:underline">
          Sign in
        </Link>
      </>
    );
  }
}
