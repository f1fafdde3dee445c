// Parses getOrders' `filter`: creationdate:[from..to], lastmodifieddate:[from..],
// orderfulfillmentstatus:{NOT_STARTED|IN_PROGRESS}. Pure, so it is tested with tables.

export type OrdersFilter = {
  creation: { from: number | null; to: number | null } | null;
  lastModified: { from: number | null; to: number | null } | null;
  statuses: string[] | null;
};

export type FilterError = { errorId: number; message: string };

const statuses = new Set(["NOT_STARTED", "IN_PROGRESS", "FULFILLED"]);
const isoDate = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** Splits on commas that are not inside [...] or {...}. */
function splitTop(filter: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of filter) {
    if (ch === "[" || ch === "{") depth++;
    if (ch === "]" || ch === "}") depth--;
    if (ch === "," && depth === 0) {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  if (current) parts.push(current);
  return parts.map((p) => p.trim()).filter(Boolean);
}

function parseRange(name: string, value: string, now: number): { from: number | null; to: number | null } | FilterError {
  const m = value.match(/^\[([^\]]*)\.\.([^\]]*)\]$/);
  if (!m) return { errorId: 30800, message: `Invalid filter value ${value} for filter ${name}` };
  const [from, to] = [m[1].trim(), m[2].trim()];
  if (!from) return { errorId: 30820, message: "Start date is missing" };
  if (!isoDate.test(from) || (to && !isoDate.test(to))) return { errorId: 30810, message: "Invalid date format" };
  const f = Date.parse(from);
  const t = to ? Date.parse(to) : null;
  if (f > now || (t !== null && t > now + 60_000)) return { errorId: 30850, message: "Start and end dates can't be in the future" };
  if (t !== null && f > t) return { errorId: 30840, message: "Start date should be before end date" };
  return { from: f, to: t };
}

export function parseOrdersFilter(filter: string | undefined, now: number): OrdersFilter | FilterError {
  const out: OrdersFilter = { creation: null, lastModified: null, statuses: null };
  if (!filter) return out;
  for (const part of splitTop(filter)) {
    const i = part.indexOf(":");
    const name = i < 0 ? part : part.slice(0, i);
    const value = i < 0 ? "" : part.slice(i + 1);
    if (name === "creationdate" || name === "lastmodifieddate") {
      const range = parseRange(name, value, now);
      if ("errorId" in range) return range;
      if (name === "creationdate") out.creation = range;
      else out.lastModified = range;
    } else if (name === "orderfulfillmentstatus") {
      const m = value.match(/^\{([^}]*)\}$/);
      const list = m ? m[1].split("|").map((s) => s.trim()) : [];
      if (!list.length || list.some((s) => !statuses.has(s))) return { errorId: 30800, message: `Invalid filter value ${value} for filter ${name}` };
      out.statuses = list;
    } else return { errorId: 30700, message: `Invalid filter name: ${name}` };
  }
  return out;
}
