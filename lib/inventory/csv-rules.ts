// Quantity rule columns of the inventory CSV, one per channel: "rule etsy <shop name>", a cell
// like "max:8", "percent:50", "dont_sync", "none", or empty for the channel's default. Pure: the
// caller loads the connections and the products' listings (lib/inventory/csv.ts).
import type { Marketplace } from "@/db/schema";
import { shopWithMarketplace } from "@/lib/marketplaces/meta";
import Papa from "papaparse";
import { parseRuleCell, ruleCell, type RuleOverride } from "./quantity-rules";
import type { CsvRowError } from "./csv";

export type RuleChannel = { id: string; marketplace: Marketplace; name: string };
export type RuleCellValue = { line: number; sku: string; connectionId: string; channel: string; rule: RuleOverride };
export type RuleChange = { line: number; sku: string; productId: string; connectionId: string; channel: string; before: string; after: string; rule: RuleOverride };

const normalize = (h: string) => h.trim().toLowerCase().replace(/[\s-]+/g, "_");
const channelLabel = (c: RuleChannel) => shopWithMarketplace(c);
const unescapeCell = (s: string) => (/^'[=+\-@\t\r]/.test(s) ? s.slice(1) : s).trim();

/** The column header of a channel's rules in an export. */
export const ruleColumnHeader = (c: RuleChannel) => `rule ${c.marketplace} ${c.name}`;

/** Reads the rule columns of a CSV whose stock columns parseStockCsv reads. */
export function parseRuleColumns(text: string, channels: RuleChannel[]): { cells: RuleCellValue[]; errors: CsvRowError[] } {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: false });
  const [header = [], ...body] = parsed.data;
  const cols = header.map(normalize);
  const skuCol = cols.indexOf("sku");
  const byHeader = new Map(channels.map((c) => [normalize(ruleColumnHeader(c)), c]));
  const columns: { index: number; channel: RuleChannel }[] = [];
  const errors: CsvRowError[] = [];
  cols.forEach((h, index) => {
    if (!h.startsWith("rule_")) return;
    const channel = byHeader.get(h);
    if (channel) columns.push({ index, channel });
    else errors.push({ line: 1, sku: null, message: `Column "${header[index]}" names no connected channel: use the rule columns of an export (${channels.map(ruleColumnHeader).join(", ") || "no channel is connected"}).` });
  });
  if (skuCol < 0 || columns.length === 0) return { cells: [], errors };
  const cells: RuleCellValue[] = [];
  body.forEach((row, i) => {
    const line = i + 2;
    const sku = unescapeCell(row[skuCol] ?? "");
    if (!sku) return;
    for (const { index, channel } of columns) {
      const r = parseRuleCell(unescapeCell(row[index] ?? ""));
      if (r.ok) cells.push({ line, sku, connectionId: channel.id, channel: channelLabel(channel), rule: r.rule });
      else errors.push({ line, sku, message: `${channelLabel(channel)} rule: ${r.message}` });
    }
  });
  return { cells, errors };
}

/**
 * What the rule cells change, given each product's own rules per channel (`listed`: SKU → channel
 * → the overrides of its items there). A rule for a channel the product is not listed on is an
 * error; an empty cell there is nothing.
 */
export function planRuleChanges(cells: RuleCellValue[], products: Map<string, { id: string; listed: Map<string, RuleOverride[]> }>): { changes: RuleChange[]; errors: CsvRowError[] } {
  const changes: RuleChange[] = [];
  const errors: CsvRowError[] = [];
  for (const c of cells) {
    const p = products.get(c.sku);
    if (!p) continue; // The stock plan reports the unknown SKU.
    const own = p.listed.get(c.connectionId);
    if (!own) {
      if (c.rule.kind) errors.push({ line: c.line, sku: c.sku, message: `${c.sku} is not listed on ${c.channel}: leave its rule empty.` });
      continue;
    }
    if (own.every((o) => o.kind === c.rule.kind && o.value === c.rule.value)) continue;
    changes.push({ line: c.line, sku: c.sku, productId: p.id, connectionId: c.connectionId, channel: c.channel, before: ruleCell(own[0]) || "default", after: ruleCell(c.rule) || "default", rule: c.rule });
  }
  return { changes, errors };
}

/** A product's rule cell on one channel for an export: its items' own rule (the first's, if they differ). */
export function exportRuleCell(own: RuleOverride[] | undefined): string {
  return own && own.length > 0 ? ruleCell(own[0]) : "";
}
