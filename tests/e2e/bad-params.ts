// A table of bad query parameters, for the tests that walk pages and routes with them.

export const long = (n: number) => "x".repeat(n);
export const BAD_PARAMS: Record<string, string>[] = [
  { page: "0" },
  { page: "-1" },
  { page: "abc" },
  { page: "1e99" },
  { pageSize: "0" },
  { pageSize: "201" },
  { pageSize: "100000" },
  { sort: "bogus" },
  { dir: "sideways" },
  { q: long(201) },
  { status: long(51) },
  { from: "2026-13-45" },
  { to: "yesterday" },
  { channel: "amazon" },
  { shop: "not-a-uuid" },
  { connection: "not-a-uuid" },
  { kind: "nope" },
  { filter: "nope" },
  { view: "nope" },
  { product: "not-a-uuid" },
  { page: ["1", "2"] as unknown as string },
];
export const qs = (p: Record<string, string | string[]>) => {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(p)) for (const one of Array.isArray(v) ? v : [v]) u.append(k, one);
  return u.toString();
};

