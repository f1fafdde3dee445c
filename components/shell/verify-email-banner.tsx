import { resendVerificationEmail } from "@/lib/auth/email-verification";
import { requireUser } from "@/lib/auth/session";

/** Shown until the signed-in person confirms their address; "Send again" mails a fresh link. */
export function VerifyEmailBanner({ email }: { email: string }) {
  return (
    <div role="status" className="border-b border-amber-200 bg-amber-50">
      <form
        className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-3 gap-y-1 px-6 py-2 text-sm text-amber-900"
        action={async () => {
          "use server";
          const user = await requireUser();
          await resendVerificationEmail(user.id);
        }}
      >
        <span>Confirm your email address: we sent a link to {email}.</span>
        <button type="submit" className="font-medium underline">
          Send it again
        </button>
      </form>
    </div>
  );
}
