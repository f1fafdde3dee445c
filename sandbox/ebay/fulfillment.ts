import type { components, operations } from "@/lib/marketplaces/generated/ebay-sell-fulfillment-v1";
import { json } from "../http";
import type { ApiHandler } from "../pipeline";
import { nowMs, type EbayOrder } from "../state";
import { ebayError } from "./api";
import { parseOrdersFilter } from "./orders-filter";
import { presentOrder } from "./present";

// Sell Fulfillment API v1. getOrders: offset counts records, limit 1–200 (default 50),
// orderIds ≤ 50 (then filter is ignored), no filter = orders created in the last 90 days.

type Query<Op extends keyof operations> = NonNullable<operations[Op]["parameters"]["query"]>;
const base = "https://api.ebay.com/sell/fulfillment/v1";
const DAY = 86_400_000;

const getOrders: ApiHandler = (call) => {
  const q = call.input.query as Query<"getOrders">;
  const now = nowMs(call.sb.state);
  const limit = q.limit === undefined ? 50 : /^\d+$/.test(q.limit) ? Number(q.limit) : NaN;
  if (!(limit >= 1 && limit <= 200)) return ebayError("fulfillment", 400, `Invalid limit: ${q.limit ?? ""}`, 31100);
  const offset = q.offset === undefined ? 0 : /^\d+$/.test(q.offset) ? Number(q.offset) : NaN;
  if (!(offset >= 0)) return ebayError("fulfillment", 400, `Invalid offset: ${q.offset ?? ""}`, 31000);
  let orders = Object.values(call.sb.state.ebay.orders).filter((o) => o.username === call.subject);
  if (q.orderIds) {
    const ids = q.orderIds.split(",").map((s) => s.trim()).filter(Boolean);
    if (ids.length > 50) return ebayError("fulfillment", 400, "Exceeded maximum number of order IDs (the current limit is 50)", 30900);
    orders = orders.filter((o) => ids.includes(o.orderId));
  } else {
    const filter = parseOrdersFilter(q.filter, now);
    if ("errorId" in filter) return ebayError("fulfillment", 400, filter.message, filter.errorId);
    const within = (t: number, r: { from: number | null; to: number | null } | null) => !r || ((r.from === null || t >= r.from) && (r.to === null || t <= r.to));
    const creation = filter.creation ?? (filter.lastModified ? null : { from: now - 90 * DAY, to: null });
    orders = orders.filter(
      (o) => within(o.created, creation) && within(o.lastModified, filter.lastModified) && (!filter.statuses || filter.statuses.includes(o.fulfillmentStatus)),
    );
  }
  orders.sort((a, b) => b.created - a.created || b.orderId.localeCompare(a.orderId));
  const params = (off: number) => {
    const p = new URLSearchParams();
    if (q.filter) p.set("filter", q.filter);
    if (q.orderIds) p.set("orderIds", q.orderIds);
    p.set("limit", String(limit));
    p.set("offset", String(off));
    return `${base}/order?${p.toString()}`;
  };
  const body: components["schemas"]["OrderSearchPagedCollection"] = {
    href: params(offset),
    total: orders.length,
    limit,
    offset,
    orders: orders.slice(offset, offset + limit).map(presentOrder),
    ...(offset + limit < orders.length ? { next: params(offset + limit) } : {}),
    ...(offset > 0 ? { prev: params(Math.max(0, offset - limit)) } : {}),
  };
  return json(200, body);
};

const getOrder: ApiHandler = (call) => {
  const id = String(call.input.path.orderId);
  const order: EbayOrder | undefined = call.sb.state.ebay.orders[id];
  if (!order || order.username !== call.subject) return ebayError("fulfillment", 404, `Invalid order ID: ${id}`, 32100);
  return json(200, presentOrder(order));
};

export const fulfillmentHandlers: Record<string, ApiHandler> = { getOrders, getOrder };
