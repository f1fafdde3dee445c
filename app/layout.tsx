import type { Metadata } from "next";
import { headers } from "next/headers";
import { marketplaceNames } from "@/lib/marketplaces/meta";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Stockroom", template: "%s · Stockroom" },
  description: `Inventory sync for ${marketplaceNames()} sellers: sell once, never oversell.`,
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request: its scripts carry the request's CSP nonce (proxy.ts),
  // which a page prerendered at build time could not know.
  await headers();
  return (
    <html lang="en">
      <body className="min-h-screen bg-gray-50 text-gray-900 antialiased">{children}</body>
    </html>
  );
}
