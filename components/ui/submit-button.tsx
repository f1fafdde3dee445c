"use client";

import { useFormStatus } from "react-dom";

export function SubmitButton({ children, variant = "primary", className = "" }: { children: React.ReactNode; variant?: "primary" | "secondary" | "danger"; className?: string }) {
  const { pending } = useFormStatus();
  const styles = {
    primary: "bg-indigo-600 text-white hover:bg-indigo-700",
    secondary: "border border-gray-300 bg-white text-gray-800 hover:bg-gray-50",
    danger: "border border-red-300 bg-white text-red-700 hover:bg-red-50",
  }[variant];
  return (
    <button type="submit" disabled={pending} aria-busy={pending || undefined} className={`rounded-md px-4 py-2 text-sm font-medium disabled:opacity-60 ${styles} ${className}`}>
      {children}
    </button>
  );
}
