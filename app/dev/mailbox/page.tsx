import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { listMailbox } from "@/lib/email";
import { devMailboxEnabled, env } from "@/lib/env";

export const metadata: Metadata = { title: "Dev mailbox" };

// Every email Stockroom queued, for development without SMTP. Not available in production.
export default async function DevMailboxPage({ searchParams }: { searchParams: Promise<{ id?: string }> }) {
  if (!devMailboxEnabled()) notFound();
  const { id } = await searchParams;
  const messages = await listMailbox(200);
  const open = messages.find((m) => m.id === id) ?? messages[0];
  return (
    <main className="mx-auto max-w-6xl px-6 py-8">
      <h1 className="text-2xl font-semibold">Dev mailbox</h1>
      <p className="mt-1 text-sm text-gray-600">
        {env().SMTP_URL ? "SMTP_URL is set: these were also sent over SMTP." : "SMTP_URL is not set, so email stops here instead of being sent."}
      </p>
      <div className="mt-6 grid gap-6 md:grid-cols-[20rem_1fr]">
        <ul aria-label="Messages" className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white text-sm">
          {messages.length === 0 ? <li className="px-4 py-3 text-gray-600">No messages yet.</li> : null}
          {messages.map((m) => (
            <li key={m.id}>
              <a href={`/dev/mailbox?id=${m.id}`} aria-current={m.id === open?.id ? "true" : undefined} className={`block px-4 py-3 hover:bg-gray-50 ${m.id === open?.id ? "bg-indigo-50" : ""}`}>
                <span className="block font-medium">{m.subject}</span>
                <span className="block text-gray-600">to {m.to}</span>
                <span className="block text-xs text-gray-500">
                  {m.status} · {m.createdAt.toISOString().replace("T", " ").slice(0, 19)}
                </span>
              </a>
            </li>
          ))}
        </ul>
        {open ? (
          <article aria-label="Message" className="rounded-lg border border-gray-200 bg-white p-4">
            <h2 className="text-lg font-semibold">{open.subject}</h2>
            <p className="text-sm text-gray-600">
              To {open.to} · {open.status}
              {open.lastError ? ` · last error: ${open.lastError}` : ""}
            </p>
            <iframe title="Email HTML" srcDoc={open.html ?? ""} sandbox="allow-popups allow-popups-to-escape-sandbox" className="mt-4 h-[28rem] w-full rounded border border-gray-100" />
            <details className="mt-4">
              <summary className="cursor-pointer text-sm font-medium">Plain text</summary>
              <pre data-testid="email-text" className="mt-2 whitespace-pre-wrap text-sm">
                {open.text}
              </pre>
            </details>
          </article>
        ) : null}
      </div>
    </main>
  );
}
