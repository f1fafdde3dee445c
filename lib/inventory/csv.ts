import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, sql } from "drizzle-orm";
import Papa from "papaparse";
import { z } from "zod";
import { parseInput } from "@/lib/parse-input";
import { recordAudit } from "@/lib/audit";
import { db, type DbOrTx } from "@/db/client";
import { retryingTransaction } from "@/db/retry";
import { channelItems, marketplaceConnections, products, stockMovements, users } from "@/db/schema";
import { Invalid } from "@/lib/errors";
import { onStockChanged } from "@/lib/sync/triggers";
import { assertRole, type OrgContext } from "@/lib/tenancy/context";
import { isBundleColumn } from "./bundle-stock";
import { exportRuleCell, parseRuleColumns, planRuleChanges, ruleColumnHeader, type RuleChange } from "./csv-rules";
import { applyMovement, bundleStockMessage } from "./ledger";
import type { RuleOverride } from "./quantity-rules";
import { overrideProductsRule, requestPushes } from "./rules";
import { availableStock } from "./targets";
import { actorLabel } from "./products";
import { listAllProducts, type ProductListQuery } from "./queries";

export const MAX_CSV_BYTES = 5_000_000;
export const MAX_CSV_ROWS = 20_000;

export type CsvMode = "on_hand" | "delta";
export type CsvLine = { line: number; sku: string; value: number };
export type CsvRowError = { line: number; sku: string | null; message: string };
export type ParsedCsv = { mode: CsvMode | null; rows: CsvLine[]; errors: CsvRowError[] };

// Exports escape formula-looking cells with a leading quote (spreadsheet injection);
// undo that on the way back in so an exported file re-imports unchanged.
const unescapeCell = (s: string) => (/^'[=+\-@\t\r]/.test(s) ? s.slice(1) : s).trim();

/**
 * Pure: reads "sku,on_hand" or "sku,delta" (any column order, extra columns ignored).
 * Line numbers are the file's: the header is line 1.
 */
export function parseStockCsv(text: string): ParsedCsv {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: false });
  const [header = [], ...body] = parsed.data;
  const cols = header.map((h) => h.trim().toLowerCase().replace(/[\s-]+/g, "_"));
  const skuCol = cols.indexOf("sku");
  const onHandCol = cols.indexOf("on_hand");
  const deltaCol = cols.indexOf("delta");
  const headerError = (message: string): ParsedCsv => ({ mode: null, rows: [], errors: [{ line: 1, sku: null, message }] });
  if (skuCol < 0) return headerError("The first line must be a header with a sku column and an on_hand or delta column.");
  if (onHandCol >= 0 && deltaCol >= 0) return headerError("Use either an on_hand column or a delta column, not both.");
  if (onHandCol < 0 && deltaCol < 0) return headerError("Add an on_hand column (new stock) or a delta column (change, e.g. -2).");
  if (body.length > MAX_CSV_ROWS) return headerError(`The file has ${body.length} rows; import at most ${MAX_CSV_ROWS} at a time.`);
  const mode: CsvMode = onHandCol >= 0 ? "on_hand" : "delta";
  const valueCol = mode === "on_hand" ? onHandCol : deltaCol;

  const rows: CsvLine[] = [];
  const errors: CsvRowError[] = [];
  const seen = new Map<string, number>();
  body.forEach((cells, i) => {
    const line = i + 2;
    if (cells.every((c) => c.trim() === "")) return;
    const sku = unescapeCell(cells[skuCol] ?? "");
    const raw = unescapeCell(cells[valueCol] ?? "");
    if (!sku) return void errors.push({ line, sku: null, message: "The SKU is empty." });
    if (!/^[+-]?\d+$/.test(raw)) return void errors.push({ line, sku, message: `${mode} must be a whole number, got "${raw}".` });
    const value = Number(raw);
    if (Math.abs(value) > 1_000_000) return void errors.push({ line, sku, message: `${raw} is too large.` });
    if (mode === "on_hand" && value < 0) return void errors.push({ line, sku, message: "on_hand cannot be negative." });
    const dup = seen.get(sku);
    if (dup !== undefined) return void errors.push({ line, sku, message: `${sku} already appears on line ${dup}.` });
    seen.set(sku, line);
    rows.push({ line, sku, value });
  });
  return { mode, rows, errors };
}

export type CsvChange = { line: number; sku: string; productId: string; title: string; before: number; after: number; delta: number };
export type CsvPlan = { mode: CsvMode | null; changes: CsvChange[]; unchanged: number; errors: CsvRowError[] };

/** Pure: what each row does to the current stock, and every row that cannot be applied. */
export function planStockCsv(parsed: ParsedCsv, current: Map<string, { id: string; title: string; onHand: number; bundle?: boolean }>): CsvPlan {
  const errors = [...parsed.errors];
  const changes: CsvChange[] = [];
  let unchanged = 0;
  for (const row of parsed.rows) {
    const p = current.get(row.sku);
    if (!p) {
      errors.push({ line: row.line, sku: row.sku, message: `Unknown SKU ${row.sku}: no product has it.` });
      continue;
    }
    const after = parsed.mode === "on_hand" ? row.value : p.onHand + row.value;
    if (after < 0) {
      errors.push({ line: row.line, sku: row.sku, message: `${row.sku} has ${p.onHand} on hand; ${row.value} would make it ${after}.` });
      continue;
    }
    // A file exported and imported again carries bundles at the value they show: only a change is refused.
    if (p.bundle && after !== p.onHand) {
      errors.push({ line: row.line, sku: row.sku, message: bundleStockMessage(row.sku) });
      continue;
    }
    if (after === p.onHand) unchanged++;
    else changes.push({ line: row.line, sku: row.sku, productId: p.id, title: p.title, before: p.onHand, after, delta: after - p.onHand });
  }
  errors.sort((a, b) => a.line - b.line);
  return { mode: parsed.mode, changes, unchanged, errors };
}

function checkSize(text: string) {
  if (text.length > MAX_CSV_BYTES) throw new Invalid("The file is larger than 5 MB. Split it and import the parts one by one.");
}

/** The stock plan and the rule columns' plan, their errors together in line order. */
export type CsvImportPlan = CsvPlan & { ruleChanges: RuleChange[] };

async function planImport(tx: DbOrTx, ctx: OrgContext, text: string, current: { id: string; sku: string; title: string; onHand: number }[]): Promise<CsvImportPlan> {
  const stock = planStockCsv(parseStockCsv(text), new Map(current.map((p) => [p.sku, p])));
  const channels = await tx
    .select({ id: marketplaceConnections.id, marketplace: marketplaceConnections.marketplace, name: marketplaceConnections.name })
    .from(marketplaceConnections)
    .where(and(eq(marketplaceConnections.orgId, ctx.orgId), isNull(marketplaceConnections.disconnectedAt)));
  const cells = parseRuleColumns(text, channels);
  const ids = current.map((p) => p.id);
  const items = ids.length
    ? await tx
        .select({ productId: channelItems.productId, connectionId: channelItems.connectionId, kind: channelItems.quantityRule, value: channelItems.quantityRuleValue })
        .from(channelItems)
        .where(and(eq(channelItems.orgId, ctx.orgId), inArray(channelItems.productId, ids)))
    : [];
  const listed = listedRules(items);
  const rules = planRuleChanges(cells.cells, new Map(current.map((p) => [p.sku, { id: p.id, listed: listed.get(p.id) ?? new Map() }])));
  const errors = [...stock.errors, ...cells.errors, ...rules.errors].sort((a, b) => a.line - b.line);
  return { ...stock, errors, ruleChanges: rules.changes };
}

/** Each product's items' own rules, by connection. */
function listedRules(items: { productId: string | null; connectionId: string; kind: RuleOverride["kind"]; value: number | null }[]) {
  const out = new Map<string, Map<string, RuleOverride[]>>();
  for (const it of items) {
    if (!it.productId) continue;
    const byConn = out.get(it.productId) ?? new Map<string, RuleOverride[]>();
    byConn.set(it.connectionId, [...(byConn.get(it.connectionId) ?? []), { kind: it.kind, value: it.value }]);
    out.set(it.productId, byConn);
  }
  return out;
}

/** The preview step: nothing is written. The importId makes applying it idempotent. */
export async function previewStockCsv(ctx: OrgContext, text: string): Promise<CsvImportPlan & { importId: string }> {
  assertRole(ctx, "manager");
  checkSize(text);
  const parsed = parseStockCsv(text);
  const skus = parsed.rows.map((r) => r.sku);
  const found = skus.length
    ? await db
        .select({ id: products.id, sku: products.sku, title: products.title, onHand: products.onHand, bundle: isBundleColumn })
        .from(products)
        .where(and(eq(products.orgId, ctx.orgId), inArray(products.sku, skus)))
    : [];
  return { ...(await planImport(db, ctx, text, found)), importId: randomUUID() };
}

export class CsvRejected extends Invalid {
  constructor(readonly rowErrors: CsvRowError[]) {
    super(`Nothing was imported: ${rowErrors.length} row${rowErrors.length === 1 ? "" : "s"} cannot be applied (first on line ${rowErrors[0]?.line}).`);
  }
}

/**
 * Applies the whole file or nothing, in one transaction, against the stock as it is
 * now (rows are locked, so a sale in between is counted, not overwritten).
 */
export async function applyStockCsv(ctx: OrgContext, input: { importId: string; text: string }) {
  assertRole(ctx, "manager");
  const { importId } = parseInput(z.object({ importId: z.uuid("importId must be the id the preview returned.") }), { importId: input.importId });
  checkSize(input.text);
  const parsed = parseStockCsv(input.text);
  const skus = parsed.rows.map((r) => r.sku);
  const plan = await retryingTransaction(async (tx) => {
    const locked = skus.length
      ? await tx
          .select({ id: products.id, sku: products.sku, title: products.title, onHand: products.onHand, bundle: isBundleColumn })
          .from(products)
          .where(and(eq(products.orgId, ctx.orgId), inArray(products.sku, skus)))
          .orderBy(asc(products.id))
          .for("update")
      : [];
    const plan = await planImport(tx, ctx, input.text, locked);
    if (plan.errors.length) throw new CsvRejected(plan.errors);
    if (plan.changes.length === 0 && parsed.rows.length === 0) throw new Invalid("The file has no rows to import.");
    for (const c of plan.changes) {
      await applyMovement(tx, {
        orgId: ctx.orgId,
        productId: c.productId,
        delta: c.delta,
        reason: "csv_import",
        sourceKey: `csv:${importId}:${c.sku}`,
        actor: { type: "user", id: ctx.userId },
        note: `CSV import, line ${c.line}`,
      });
    }
    const pushes = [];
    // One statement set per channel and rule; each item's change is audited by overrideProductsRule.
    for (const group of groupRuleChanges(plan.ruleChanges)) pushes.push(...(await overrideProductsRule(tx, ctx, group.connectionId, group.productIds, group.rule)).changed);
    await recordAudit(tx, {
      orgId: ctx.orgId,
      actor: { type: "user", userId: ctx.userId },
      action: "stock.csv_import",
      target: { type: "csv_import", id: importId },
      after: { mode: plan.mode, changed: plan.changes.length, unchanged: plan.unchanged, rulesChanged: plan.ruleChanges.length },
    });
    return { ...plan, pushes };
  });
  if (plan.changes.length) await onStockChanged(ctx.orgId, plan.changes.map((c) => c.productId));
  await requestPushes(plan.pushes);
  return { importId, changed: plan.changes.length, unchanged: plan.unchanged, rulesChanged: plan.ruleChanges.length };
}

/** Rows to CSV text; formula-looking cells are escaped (see unescapeCell). */
export const unparse = (rows: (string | number | null)[][]) => Papa.unparse(rows, { escapeFormulae: true, newline: "\n" }) + "\n";

function groupRuleChanges(changes: RuleChange[]) {
  const groups = new Map<string, { connectionId: string; rule: RuleOverride; productIds: string[] }>();
  for (const c of changes) {
    const key = `${c.connectionId}|${c.after}`;
    const g = groups.get(key) ?? { connectionId: c.connectionId, rule: c.rule, productIds: [] };
    g.productIds.push(c.productId);
    groups.set(key, g);
  }
  return [...groups.values()];
}

/** The inventory as CSV, with the table's current filters; re-importable as is (a rule column per channel). */
export async function exportInventoryCsv(ctx: OrgContext, query: ProductListQuery): Promise<string> {
  const rows = await listAllProducts(ctx, { ...query, page: 1 });
  const channels = await db
    .select({ id: marketplaceConnections.id, marketplace: marketplaceConnections.marketplace, name: marketplaceConnections.name })
    .from(marketplaceConnections)
    .where(and(eq(marketplaceConnections.orgId, ctx.orgId), isNull(marketplaceConnections.disconnectedAt)))
    .orderBy(marketplaceConnections.marketplace, marketplaceConnections.createdAt);
  const listed = channels.length
    ? listedRules(
        await db
          .select({ productId: channelItems.productId, connectionId: channelItems.connectionId, kind: channelItems.quantityRule, value: channelItems.quantityRuleValue })
          .from(channelItems)
          .where(and(eq(channelItems.orgId, ctx.orgId), isNotNull(channelItems.productId)))
          .orderBy(channelItems.id),
      )
    : new Map<string, Map<string, RuleOverride[]>>();
  return unparse([
    ["sku", "title", "on_hand", "reserve", "low_stock_threshold", "available", ...channels.map(ruleColumnHeader)],
    ...rows.map((r) => [r.sku, r.title, r.onHand, r.reserve, r.threshold, availableStock(r.onHand, r.reserve), ...channels.map((c) => exportRuleCell(listed.get(r.id)?.get(c.id)))]),
  ]);
}

export const movementExportQuery = z.object({
  product: z.uuid().optional().catch(undefined),
  from: z.coerce.date().optional().catch(undefined),
  to: z.coerce.date().optional().catch(undefined),
});

/** Movement history as CSV (the whole org, or one product), newest first. */
export async function exportMovementsCsv(ctx: OrgContext, query: z.input<typeof movementExportQuery>): Promise<string> {
  const q = movementExportQuery.parse(query);
  const rows = await db
    .select({
      createdAt: stockMovements.createdAt,
      sku: products.sku,
      title: products.title,
      reason: stockMovements.reason,
      delta: stockMovements.delta,
      onHandAfter: stockMovements.onHandAfter,
      actorType: stockMovements.actorType,
      userName: users.name,
      userEmail: users.email,
      connectionName: marketplaceConnections.name,
      marketplace: marketplaceConnections.marketplace,
      note: stockMovements.note,
      sourceKey: stockMovements.sourceKey,
    })
    .from(stockMovements)
    .innerJoin(products, eq(products.id, stockMovements.productId))
    .leftJoin(users, and(eq(stockMovements.actorType, "user"), eq(users.id, stockMovements.actorId)))
    .leftJoin(marketplaceConnections, and(eq(stockMovements.actorType, "connection"), sql`${marketplaceConnections.id}::text = ${stockMovements.actorId}`))
    .where(
      and(
        eq(stockMovements.orgId, ctx.orgId),
        q.product ? eq(stockMovements.productId, q.product) : undefined,
        q.from ? gte(stockMovements.createdAt, q.from) : undefined,
        q.to ? lt(stockMovements.createdAt, q.to) : undefined,
      ),
    )
    .orderBy(desc(stockMovements.createdAt), desc(stockMovements.id))
    .limit(200_000);
  return unparse([
    ["at", "sku", "title", "source", "delta", "on_hand_after", "by", "note", "source_key"],
    ...rows.map((r) => [r.createdAt.toISOString(), r.sku, r.title, r.reason, r.delta, r.onHandAfter, actorLabel(r.actorType, r), r.note, r.sourceKey]),
  ]);
}
