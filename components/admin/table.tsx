import type { ReactNode } from "react";

const tones = {
  green: "bg-green-50 text-green-800 ring-green-200",
  red: "bg-red-50 text-red-800 ring-red-200",
  amber: "bg-amber-50 text-amber-800 ring-amber-200",
  gray: "bg-gray-50 text-gray-700 ring-gray-200",
} as const;

const STATUS_TONE: Record<string, keyof typeof tones> = {
  active: "green",
  succeeded: "green",
  sent: "green",
  enabled: "green",
  partial: "amber",
  pending: "amber",
  running: "amber",
  sending: "amber",
  needs_reconnect: "amber",
  failed: "red",
  error: "red",
  disabled: "red",
};

export function Badge({ status }: { status: string }) {
  return <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${tones[STATUS_TONE[status] ?? "gray"]}`}>{status.replace("_", " ")}</span>;
}

export function PageTitle({ children, sub }: { children: ReactNode; sub?: ReactNode }) {
  return (
    <header className="mb-6">
      <h1 className="text-2xl font-semibold tracking-tight">{children}</h1>
      {sub ? <p className="mt-1 text-sm text-gray-600">{sub}</p> : null}
    </header>
  );
}

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="mt-8 min-w-0">
      <h2 className="mb-3 text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}
