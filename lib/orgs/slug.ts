import { randomBytes } from "node:crypto";

/** "Maple & Thread Co." -> "maple-thread-co"; never empty. */
export function slugify(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
  return base || "org";
}

/** The plain slug first, then suffixed ones, so a taken name still gets a readable slug. */
export function slugCandidates(name: string, count = 5): string[] {
  const base = slugify(name);
  return [base, ...Array.from({ length: count - 1 }, () => `${base}-${randomBytes(3).toString("hex")}`)];
}
