// Shopify's search syntax for `query:` arguments (shopify.dev/docs/api/usage/search-syntax),
// the part the app uses: `field:value` terms joined by spaces (AND), with comparators
// (`updated_at:>='2026-01-01T00:00:00Z'`). Terms on fields a resource does not filter by are
// ignored, as Shopify ignores them (it reports them in a search warning).

export type Comparator = ">=" | "<=" | ">" | "<" | "=";
export type Term = { field: string; op: Comparator; value: string };

export function parseSearch(query: string | null | undefined): Term[] {
  const terms: Term[] = [];
  const re = /(\w+):(>=|<=|>|<)?("[^"]*"|'[^']*'|\S+)/g;
  for (const m of (query ?? "").matchAll(re)) {
    const raw = m[3];
    const value = /^["'].*["']$/.test(raw) ? raw.slice(1, -1) : raw;
    terms.push({ field: m[1].toLowerCase(), op: (m[2] as Comparator | undefined) ?? "=", value });
  }
  return terms;
}

function compare(a: number, op: Comparator, b: number): boolean {
  switch (op) {
    case ">=":
      return a >= b;
    case "<=":
      return a <= b;
    case ">":
      return a > b;
    case "<":
      return a < b;
    default:
      return a === b;
  }
}

/** Whether a time (ms) passes every term on `field`; a term whose value is not a date matches nothing. */
export function timeMatches(terms: Term[], field: string, ms: number): boolean {
  return terms.filter((t) => t.field === field).every((t) => {
    const at = Date.parse(t.value);
    return !Number.isNaN(at) && compare(ms, t.op, at);
  });
}

/** Whether a value passes every `field:value` equality term (case-insensitive). */
export function valueMatches(terms: Term[], field: string, value: string): boolean {
  return terms.filter((t) => t.field === field).every((t) => t.value.toLowerCase() === value.toLowerCase());
}
