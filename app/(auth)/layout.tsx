import Link from "next/link";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-6 py-12">
      <Link href="/" className="mb-8 text-xl font-bold tracking-tight">
        Stockroom
      </Link>
      <div className="rounded-lg border border-gray-200 bg-white p-8 shadow-sm">{children}</div>
    </main>
  );
}
