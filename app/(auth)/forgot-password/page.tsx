import type { Metadata } from "next";
import Link from "next/link";
import { ForgotPasswordForm } from "./forgot-password-form";

export const metadata: Metadata = { title: "Reset your password" };

export default function ForgotPasswordPage() {
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">Reset your password</h1>
      <p className="mb-6 text-sm text-gray-600">Enter the email you sign in with and we will send you a link to choose a new password.</p>
      <ForgotPasswordForm />
      <Link href="/sign-in" className="mt-6 inline-block text-sm text-indigo-700 hover:underline">
        Back to sign in
      </Link>
    </>
  );
}
