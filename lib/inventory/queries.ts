import type { Marketplace } from "@/db/schema";
import { and, asc, desc, eq, exists, isNotNull, isNull, lte, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { z } from "zod";
import { db, rowsStatement } from "@/db/client";
import { bundleComponents, channelItems, channelListings, marketplaceConnections, organizations, products, PUSH_STATUSES, type QuantityRuleKind } from "@/db/schema";
import { env } from "@/lib/env";
import { NotFound } from "@/lib/errors";
import type { OrgContext } from "@/lib/tenancy/context";

export const PRODUCT_SORTS = ["title", "sku", "on_hand", "updated"] as const;
export const PRODUCT_FILTERS = ["low", "out", "unlinked", "push_failed"] as const;

/** The inventory table's query, as it appears in the URL. */
export const productListQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  sort: z.enum(PRODUCT_SORTS).default("title"),
  dir: z.enum(["asc", "desc"]).default("asc"),
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((s) => s || undefined),
  filter: z.enum(PRODUCT_FILTERS).optional().catch(undefined),
  channel: z.uuid().optional().catch(undefined),
  // Keyset paging: the page after this row (ProductPage.nextCursor). Deep pages then cost what
  // the first does, where OFFSET reads and discards every row before them.
  after: z
    .string()
    .max(500)
    .optional()
    .transform((s) => (s ? decodeCursor(s) : undefined))
    .catch(undefined),
});

/** The last row shown: its sort value and its SKU (the second key of every other sort). */
type Cursor = { v: string | number; sku: string };

function decodeCursor(s: string): Cursor | undefined {
  try {
    const c: unknown = JSON.parse(Buffer.from(s, "base64url").toString("utf8"));
    if (Array.isArray(c) && c.length === 2 && (typeof c[0] === "string" || typeof c[0] === "number") && typeof c[1] === "string") return { v: c[0], sku: c[1] };
  } catch {
    // A cursor that does not parse is ignored like any other bad URL value: the first page.
  }
  return undefined;
}

const encodeCursor = (v: string | number, sku: string) => Buffer.from(JSON.stringify([v, sku])).toString("base64url");
// Loose on purpose: URL values arrive as strings and bad ones fall back to defaults.
export type ProductListQuery = { [K in keyof z.input<typeof productListQuery>]?: unknown };

export type ChannelCell = {
  itemId: string;
  connectionId: string;
  quantity: number | null;
  lastPushedQuantity: number | null;
  pushStatus: (typeof PUSH_STATUSES)[number];
  pushError: string | null;
  listingUrl: string | null;
  /** The item's own quantity rule (null: its channel's, ConnectionColumn.rule). */
  rule: QuantityRuleKind | null;
  ruleValue: number | null;
};

export type ProductRow = {
  id: string;
  sku: string;
  title: string;
  imageUrl: string | null;
  onHand: number;
  reserve: number;
  threshold: number;
  low: boolean;
  updatedAt: Date;
  /** A bundle: its stock is derived from its components and is not edited here. */
  bundle: boolean;
  channels: ChannelCell[];
};

export type ConnectionColumn = { id: string; marketplace: Marketplace; name: string; status: string; rule: QuantityRuleKind; ruleValue: number | null };

/** The organization's default low-stock threshold (org setting, else the platform default). */
export async function orgDefaultThreshold(orgId: string): Promise<number> {
  const [org] = await db.select({ settings: organizations.settings }).from(organizations).where(eq(organizations.id, orgId));
  if (!org) throw new NotFound("This organization no longer exists.");
  return org.settings.lowStockThreshold ?? env().LOW_STOCK_THRESHOLD;
}

type ThresholdBounds = { orgDefault: number; maxLow: number };

/**
 * The organization's default threshold and the highest of all thresholds (no product can be low
 * above it): the low-stock filter range-scans the (org_id, on_hand) index up to it, and the planner
 * must see that bound as a value to choose the index (as an InitPlan it estimated a third of the
 * catalogue and scanned it whole: 44 ms instead of 2).
 */
async function thresholdBounds(orgId: string): Promise<ThresholdBounds> {
  const query = rowsStatement("inventory.thresholdBounds", () =>
    db
      .select({
        settings: organizations.settings,
        maxOwn: sql<number | null>`(select max(${products.lowStockThreshold}) from ${products} where ${products.orgId} = ${P.orgId})`,
      })
      .from(organizations)
      .where(eq(organizations.id, P.orgId)),
  );
  const [row] = (await query({ orgId })) as [OrgSettings, number | null][];
  if (!row) throw new NotFound("This organization no longer exists.");
  const [settings, maxOwn] = row;
  const orgDefault = settings.lowStockThreshold ?? env().LOW_STOCK_THRESHOLD;
  return { orgDefault, maxLow: Math.max(orgDefault, maxOwn ?? 0) };
}

type OrgSettings = (typeof organizations.$inferSelect)["settings"];

/**
 * The table's statements are built once per shape (which sort, which filter, a search or not) with
 * these placeholders for everything a request supplies; `values` fills them.
 */
const P = {
  orgId: sql.placeholder("orgId"),
  envDefault: sql.placeholder("envDefault"),
  orgDefault: sql.placeholder("orgDefault"),
  maxLow: sql.placeholder("maxLow"),
  like: sql.placeholder("like"),
  channel: sql.placeholder("channel"),
  afterValue: sql.placeholder("afterValue"),
  afterSku: sql.placeholder("afterSku"),
  limit: sql.placeholder("limit"),
  offset: sql.placeholder("offset"),
};

type Query = z.output<typeof productListQuery>;

function values(ctx: OrgContext, q: Query, t: ThresholdBounds | null): Record<keyof typeof P, unknown> {
  return {
    orgId: ctx.orgId,
    envDefault: env().LOW_STOCK_THRESHOLD,
    orgDefault: t?.orgDefault ?? null,
    maxLow: t?.maxLow ?? null,
    like: q.q ? `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null,
    channel: q.channel ?? null,
    afterValue: q.after ? String(q.after.v) : null,
    afterSku: q.after?.sku ?? null,
    limit: q.pageSize,
    // With a cursor, the page starts after it (no offset); `page` then only numbers it for display.
    offset: q.after ? 0 : (q.page - 1) * q.pageSize,
  };
}

/** What decides a statement's text: two queries with the same shape differ only in `values`. */
const shape = (q: Query) => [q.sort, q.dir, q.filter ?? "", q.q ? "q" : "", q.channel ? "c" : "", q.after ? "a" : ""].join(":");

/** A product's low-stock threshold: its own, else the organization's default (`orgDefault`). */
function thresholdExpr(orgDefault: SQL = sql`${P.orgDefault}::int`): SQL<number> {
  return sql<number>`coalesce(${products.lowStockThreshold}, ${orgDefault})`;
}

/** The WHERE clause shared by the table, its count and the CSV export. */
function productWhere(q: Query): SQL | undefined {
  const conds: (SQL | undefined)[] = [eq(products.orgId, P.orgId), isNull(products.archivedAt)];
  if (q.q) conds.push(sql`(${products.title} ilike ${P.like} or ${products.sku} ilike ${P.like})`);
  const linkedItem = (extra?: SQL) =>
    exists(
      db
        .select({ one: sql`1` })
        .from(channelItems)
        .where(and(eq(channelItems.productId, products.id), extra)),
    );
  if (q.filter === "low") conds.push(lte(products.onHand, P.maxLow), sql`${products.onHand} <= ${thresholdExpr()}`);
  if (q.filter === "out") conds.push(sql`${products.onHand} <= 0`);
  if (q.filter === "unlinked") conds.push(sql`not ${linkedItem()}`);
  // Failed pushes are few: collect them first (an InitPlan over a partial index) instead of
  // probing every product of a large catalogue for a failed item.
  if (q.filter === "push_failed")
    conds.push(
      sql`${products.id} = any(array(${db
        .select({ id: channelItems.productId })
        .from(channelItems)
        .where(and(eq(channelItems.orgId, P.orgId), eq(channelItems.pushStatus, "failed"), isNotNull(channelItems.productId)))}))`,
    );
  if (q.channel) conds.push(linkedItem(eq(channelItems.connectionId, P.channel)));
  return and(...conds);
}

type SortColumns = { title: SQL | AnyColumn; sku: SQL | AnyColumn; onHand: SQL | AnyColumn; updatedAt: SQL | AnyColumn };

const PRODUCT_COLUMNS: SortColumns = { title: products.title, sku: products.sku, onHand: products.onHand, updatedAt: products.updatedAt };
const sortColumn = (q: Query, c: SortColumns) => ({ title: c.title, sku: c.sku, on_hand: c.onHand, updated: c.updatedAt })[q.sort];

function orderBy(q: Query, c: SortColumns = PRODUCT_COLUMNS): SQL[] {
  const d = q.dir === "asc" ? asc : desc;
  // Equal titles (or stock, or times) then read by SKU, in the same direction. SKUs are unique in an
  // organization, so (column, SKU) orders the rows totally, and it is what the (org_id, column, sku)
  // indexes hold: a page, first or after a cursor, reads its 50 entries from the index however many
  // products share a value (with the SKU ascending under a descending sort, a deep page sorted the
  // whole group of its stock value: 1,700 rows in the benchmark's catalogue).
  return [d(sortColumn(q, c)), ...(q.sort === "sku" ? [] : [d(c.sku)])];
}

/** Rows after the cursor in the table's order: (sort value, SKU) past the last row shown. */
function afterCursor(q: Query, c: SortColumns = PRODUCT_COLUMNS): SQL | undefined {
  if (!q.after) return undefined;
  const cast = sql.raw({ title: "text", sku: "text", on_hand: "int", updated: "timestamptz" }[q.sort]);
  const value = sql`cast(${P.afterValue} as ${cast})`;
  const col = sortColumn(q, c);
  const past = sql.raw(q.dir === "asc" ? ">" : "<");
  if (q.sort === "sku") return sql`${col} ${past} ${value}`;
  return sql`(${col}, ${c.sku}) ${past} (${value}, ${P.afterSku}::text)`;
}

/**
 * The cursor of the page after `rows` (a full page), for ProductPage.nextCursor. `updated_at` goes in
 * as PostgreSQL's own text: microseconds, which a JavaScript Date would round to milliseconds.
 */
function nextCursor(q: Query, rows: PageRow[]): string | null {
  const last = rows.at(-1);
  if (!last || rows.length < q.pageSize) return null;
  const [, sku, title, , onHand, , , updatedAt] = last;
  return encodeCursor({ title, sku, on_hand: onHand, updated: updatedAt }[q.sort], sku);
}

const productColumns = (orgDefault?: SQL) => ({
  id: products.id,
  sku: products.sku,
  title: products.title,
  imageUrl: products.imageUrl,
  onHand: products.onHand,
  reserve: products.reserve,
  threshold: thresholdExpr(orgDefault).as("threshold"),
  updatedAt: products.updatedAt,
});

/**
 * The product's channel quantities and push state as a JSON array, read in the page's own
 * statement: a correlated subquery is costly enough that PostgreSQL evaluates it after the sort
 * and limit, for the rows shown only, and the request saves a round trip.
 */
// `productId` is written table-qualified: drizzle leaves the columns of a one-table select bare, and
// a bare "id" is ambiguous inside the subquery.
function channelCells(productId: SQL): SQL<ChannelCell[]> {
  return sql<ChannelCell[]>`(select coalesce(json_agg(json_build_object('itemId', c.id, 'connectionId', c.connection_id, 'quantity', c.last_seen_quantity,
      'lastPushedQuantity', c.last_pushed_quantity, 'pushStatus', c.push_status, 'pushError', c.push_error, 'listingUrl', l.url,
      'rule', c.quantity_rule, 'ruleValue', c.quantity_rule_value)), '[]'::json)
    from ${channelItems} c left join ${channelListings} l on l.id = c.listing_id
    where c.product_id = ${productId} and c.org_id = ${P.orgId})`;
}

/** Counting stops here: "10,000+" is as useful to a seller as the exact number, and far cheaper. */
export const COUNT_CAP = 10_000;

export type ProductPage = { rows: ProductRow[]; total: number; totalIsCapped: boolean; page: number; pageSize: number; nextCursor: string | null; connections: ConnectionColumn[] };

/**
 * With a search or a filter, matches are few and often clustered in sort order (all
 * "Teal vase" titles sit together), so walking the sort index to find 50 of them can
 * read most of the catalogue. A fence keeps the filtered set apart: PostgreSQL collects it
 * through the filter's own index (trigram, on_hand, failed pushes), then sorts it.
 * A LIMIT is the fence (a subquery with one is never flattened); Drizzle drops OFFSET 0.
 * The fenced set is collected whole to be sorted anyway, so it is counted there too (`matches`,
 * a window count before the cursor and the offset): no second statement finds it again.
 *
 * The whole request is this one statement, one row: the shops (table columns), the count of an
 * unfiltered table, and the page as a JSON array. At 20 concurrent readers on two cores a read
 * costs what its CPU costs, and each round trip is CPU on both sides: the separate context read and
 * count took a third of a first page's.
 */
function pageStatement(q: Query) {
  const context = db.$with("ctx").as(
    db
      .select({
        orgDefault: sql<number>`coalesce((${organizations.settings}->>'lowStockThreshold')::int, ${P.envDefault}::int)`.as("org_default"),
        connections: sql<ConnectionColumn[]>`(select coalesce(json_agg(json_build_object('id', m.id, 'marketplace', m.marketplace, 'name', m.name, 'status', m.status, 'rule', m.quantity_rule, 'ruleValue', m.quantity_rule_value) order by m.marketplace, m.created_at), '[]'::json)
          from ${marketplaceConnections} m where m.org_id = ${P.orgId} and m.disconnected_at is null)`.as("connections"),
      })
      .from(organizations)
      .where(eq(organizations.id, P.orgId)),
  );
  // Channel cells are read for the page's rows only, once it is cut: in the same statement as
  // the page, a subquery in its select list would run for every row an OFFSET skips too.
  const page = pageQuery(q, productWhere(q), sql`${sql.identifier("ctx")}.${sql.identifier("org_default")}`).as("page");
  const id = sql`${sql.identifier("page")}.${sql.identifier("id")}`;
  const rows = sql<PageRow[]>`(select coalesce(json_agg(json_build_array(${id}, ${page.sku}, ${page.title}, ${page.imageUrl}, ${page.onHand}, ${page.reserve}, ${page.threshold},
      ${page.updatedAt}::text, ${page.matches}, exists (select 1 from ${bundleComponents} bc where bc.bundle_id = ${id}), ${channelCells(id)})
      order by ${sql.join(orderBy(q, page), sql`, `)}), '[]'::json) from ${page})`;
  return db
    .with(context)
    .select({ connections: context.connections, total: fenced(q) ? sql<null>`null::int` : sql<number>`(${countQuery(q)})`, rows })
    .from(context);
}

/** A row of the page as pageStatement returns it: in its array order. */
// updated_at comes as text (see nextCursor).
type PageRow = [string, string, string, string | null, number, number, number, string, number | null, boolean, ChannelCell[]];

const toProductRow = ([id, sku, title, imageUrl, onHand, reserve, threshold, updatedAt, , bundle, channels]: PageRow): ProductRow => ({
  id,
  sku,
  title,
  imageUrl,
  onHand,
  reserve,
  threshold,
  low: onHand <= threshold,
  updatedAt: new Date(updatedAt),
  bundle,
  channels,
});

function pageQuery(q: Query, where: SQL | undefined, orgDefault: SQL) {
  if (!fenced(q))
    return db
      .select({ ...productColumns(orgDefault), matches: sql<number | null>`null::int`.as("matches") })
      .from(products)
      .where(and(where, afterCursor(q)))
      .orderBy(...orderBy(q))
      .limit(P.limit)
      .offset(P.offset);
  const m = db
    .select({ ...productColumns(orgDefault), matches: sql<number>`count(*) over ()::int`.as("matches") })
    .from(products)
    .where(where)
    .limit(2_147_483_647)
    .as("m");
  return db.select().from(m).where(afterCursor(q, m)).orderBy(...orderBy(q, m)).limit(P.limit).offset(P.offset);
}

const fenced = (q: Query) => Boolean(q.q || q.filter);

/** How many products match, counting no further than COUNT_CAP + 1. */
function countQuery(q: Query) {
  const capped = db
    .select({ one: sql`1` })
    .from(products)
    .where(productWhere(q))
    .limit(COUNT_CAP + 1)
    .as("capped");
  return db.select({ total: sql<number>`count(*)::int` }).from(capped);
}

async function cappedCount(q: Query, v: Record<keyof typeof P, unknown>): Promise<number> {
  const [[total]] = (await rowsStatement(`inventory.count:${shape(q)}`, () => countQuery(q))(v)) as [[number]];
  return total;
}

/** One page of the inventory table: server-side search, filters, sort and pagination. */
export async function listProducts(ctx: OrgContext, query: ProductListQuery): Promise<ProductPage> {
  const q = productListQuery.parse(query);
  const v = values(ctx, q, q.filter === "low" ? await thresholdBounds(ctx.orgId) : null);
  const [row] = (await rowsStatement(`inventory.page:${shape(q)}`, () => pageStatement(q))(v)) as [ConnectionColumn[], number | null, PageRow[]][];
  if (!row) throw new NotFound("This organization no longer exists.");
  const [connections, counted, raw] = row;
  // Filtered, the page counted its matches, unless it is past their end.
  const total = counted ?? raw[0]?.[8] ?? (await cappedCount(q, v));
  return {
    rows: raw.map(toProductRow),
    total: Math.min(total, COUNT_CAP),
    totalIsCapped: total > COUNT_CAP,
    page: q.page,
    pageSize: q.pageSize,
    nextCursor: nextCursor(q, raw),
    connections,
  };
}

/** Every product matching the table's filters (no pagination), for the CSV export. */
export async function listAllProducts(ctx: OrgContext, query: ProductListQuery) {
  const q = productListQuery.parse(query);
  const t = await thresholdBounds(ctx.orgId);
  return db
    .select(productColumns())
    .from(products)
    .where(productWhere(q))
    .orderBy(...orderBy(q))
    .execute(values(ctx, q, t));
}
