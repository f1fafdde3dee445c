import type { Metadata } from "next";
import Link from "next/link";
import { isResetTokenUsable, RESET_LINK_INVALID } from "@/lib/auth/password-reset";
import { ResetPasswordForm } from "./reset-password-form";

export const metadata: Metadata = { title: "Choose a new password" };

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  if (!(await isResetTokenUsable(token))) {
    return (
      <>
        <h1 className="mb-4 text-2xl font-semibold">This link no longer works</h1>
        <p className="text-gray-700">{RESET_LINK_INVALID}</p>
        <Link href="/forgot-password" className="mt-6 inline-block font-medium text-indigo-700 hover:underline">
          Send a new reset link
        </Link>
      </>
    );
  }
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">Choose a new password</h1>
      <ResetPasswordForm token={token} />
    </>
  );
}
