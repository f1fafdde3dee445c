import Link from "next/link";
import { marketplaceNames } from "@/lib/marketplaces/meta";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/session";
import { HOME_PATH } from "@/lib/auth/redirects";

// Signed-in people come here from bookmarks and the logo: send them to their stock.
export default async function Landing() {
  if (await currentUser()) redirect(HOME_PATH);
  return (
    <main className="mx-auto max-w-3xl px-6 py-24">
      <h1 className="text-4xl font-bold tracking-tight">Stockroom</h1>
      <p className="mt-4 text-lg text-gray-600">
        Sell the same goods on {marketplaceNames()} without overselling. Every sale lowers your stock everywhere within minutes.
      </p>
      <div className="mt-8 flex gap-4">
        <Link href="/sign-up" className="rounded-md bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700">
          Create an account
        </Link>
        <Link href="/sign-in" className="rounded-md border border-gray-300 px-4 py-2 font-medium hover:bg-white">
          Sign in
        </Link>
      </div>
    </main>
  );
}
