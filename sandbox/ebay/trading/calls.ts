import type { Sandbox } from "../../context";
import type { Res } from "../../http";
import { nowMs, type EbaySeller } from "../../state";
import { allListings, findListing, findVariation, outOfStockControl, setTradingAvailable } from "./listings";
import { presentTradingItem } from "./present";
import { child, children, text, tradingFailure, tradingResponse, type TradingError, type XmlNode } from "./xml";

// The Trading calls Stockroom uses. Error codes and messages are eBay's where its
// documentation or developers' reports give them (17, 291, 518, 21919144, 21919474);
// the rest use the generic "Input data is invalid" (37).

export type TradingCall = { sb: Sandbox; seller: EbaySeller; request: XmlNode; callName: string };
export type TradingHandler = (call: TradingCall) => Res;

export const MAX_REVISE_STATUSES = 4;

const invalid = (field: string, why: string): TradingError => ({ code: 37, short: "Input data is invalid.", long: `Input data for tag <${field}> is invalid or missing. ${why}`, params: [field] });

export const itemNotAccessible = (itemId: string): TradingError => ({
  code: 17,
  short: "Item cannot be accessed.",
  long: "This item cannot be accessed because the listing has been deleted, is a Half.com listing, or you are not the seller.",
  params: [itemId],
});

const bool = (v: unknown) => text(v)?.toLowerCase() === "true";

function intField(v: unknown, fallback: number): number | null {
  const s = text(v);
  if (s === undefined) return fallback;
  return /^\d+$/.test(s) ? Number(s) : null;
}

const GetMyeBaySelling: TradingHandler = ({ sb, seller, request, callName }) => {
  const now = nowMs(sb.state);
  const active = child(request, "ActiveList");
  if (!active || text(active.Include)?.toLowerCase() === "false") return tradingResponse(callName, now, {});
  const pagination = child(active, "Pagination");
  const perPage = intField(pagination?.EntriesPerPage, 25);
  const pageNo = intField(pagination?.PageNumber, 1);
  if (perPage === null || perPage < 1 || perPage > 200) return tradingFailure(callName, now, invalid("EntriesPerPage", "Use a value from 1 to 200."));
  if (pageNo === null || pageNo < 1) return tradingFailure(callName, now, invalid("PageNumber", "Use a page number of 1 or more."));
  const listings = allListings(sb, seller).filter((v) => v.listing.status === "Active");
  const page = listings.slice((pageNo - 1) * perPage, pageNo * perPage);
  const includeVariations = bool(active.IncludeVariations);
  return tradingResponse(callName, now, {
    ActiveList: {
      ...(page.length ? { ItemArray: { Item: page.map((v) => presentTradingItem(v, { detail: "summary", includeVariations })) } } : {}),
      PaginationResult: { TotalNumberOfPages: String(Math.ceil(listings.length / perPage)), TotalNumberOfEntries: String(listings.length) },
    },
  });
};

const GetItem: TradingHandler = ({ sb, seller, request, callName }) => {
  const now = nowMs(sb.state);
  const itemId = text(request.ItemID);
  if (!itemId) return tradingFailure(callName, now, invalid("ItemID", "An ItemID is required."));
  const view = findListing(sb, seller, itemId);
  if (!view) return tradingFailure(callName, now, itemNotAccessible(itemId));
  return tradingResponse(callName, now, { Item: presentTradingItem(view, { detail: "full", includeVariations: true }) });
};

const DAY_MS = 86_400_000;
// A GTC listing renews every 30 days: while active, its EndTime is the next renewal.
const GTC_MS = 30 * DAY_MS;

function timeField(v: unknown): number | null | undefined {
  const s = text(v);
  if (s === undefined) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : t;
}

/**
 * Listings (both models) whose end time falls in EndTimeFrom..EndTimeTo (at most 120 days
 * apart). Active GTC listings end at their next renewal, so a window reaching up to now
 * returns the listings that have ended in it.
 */
const GetSellerList: TradingHandler = ({ sb, seller, request, callName }) => {
  const now = nowMs(sb.state);
  const from = timeField(request.EndTimeFrom);
  const to = timeField(request.EndTimeTo);
  if (from === undefined || to === undefined) return tradingFailure(callName, now, invalid("EndTimeFrom", "Give EndTimeFrom and EndTimeTo (or a start time range)."));
  if (from === null || to === null || to < from) return tradingFailure(callName, now, invalid("EndTimeTo", "Use ISO 8601 times, EndTimeTo after EndTimeFrom."));
  if (to - from > 120 * DAY_MS) return tradingFailure(callName, now, invalid("EndTimeTo", "The time range must not exceed 120 days."));
  const pagination = child(request, "Pagination");
  const perPage = intField(pagination?.EntriesPerPage, 25);
  const pageNo = intField(pagination?.PageNumber, 1);
  if (perPage === null || perPage < 1 || perPage > 200) return tradingFailure(callName, now, invalid("EntriesPerPage", "Use a value from 1 to 200."));
  if (pageNo === null || pageNo < 1) return tradingFailure(callName, now, invalid("PageNumber", "Use a page number of 1 or more."));
  const endOf = (v: { listing: { status: string; endTime: number | null; startTime: number } }) =>
    v.listing.status === "Active" ? now + GTC_MS - ((now - v.listing.startTime) % GTC_MS) : (v.listing.endTime ?? now);
  const matching = allListings(sb, seller).filter((v) => endOf(v) >= from && endOf(v) <= to);
  const page = matching.slice((pageNo - 1) * perPage, pageNo * perPage);
  const fine = text(request.GranularityLevel) === "Fine" || text(request.DetailLevel) === "ReturnAll";
  return tradingResponse(callName, now, {
    PaginationResult: { TotalNumberOfPages: String(Math.ceil(matching.length / perPage)), TotalNumberOfEntries: String(matching.length) },
    HasMoreItems: String(pageNo * perPage < matching.length),
    ...(page.length ? { ItemArray: { Item: page.map((v) => presentTradingItem(v, { detail: "full", includeVariations: fine })) } } : {}),
    ItemsPerPage: String(perPage),
    PageNumber: String(pageNo),
    ReturnedItemCountActual: String(page.length),
  });
};

type StatusOutcome = { ok: true; node: XmlNode } | { ok: false; error: TradingError };

function reviseOne(sb: Sandbox, seller: EbaySeller, status: XmlNode): StatusOutcome {
  const itemId = text(status.ItemID);
  const sku = text(status.SKU);
  if (!itemId && !sku) return { ok: false, error: invalid("InventoryStatus", "Each InventoryStatus needs an ItemID, a SKU, or both.") };
  const quantityText = text(status.Quantity);
  const quantity = quantityText === undefined ? undefined : /^\d+$/.test(quantityText) ? Number(quantityText) : NaN;
  if (quantity !== undefined && Number.isNaN(quantity)) return { ok: false, error: invalid("Quantity", "Quantity must be 0 or more.") };
  const view = itemId ? findListing(sb, seller, itemId) : allListings(sb, seller).find((v) => v.listing.sku === sku || v.listing.variations.some((x) => x.sku === sku)) ?? null;
  if (!view) return { ok: false, error: itemNotAccessible(itemId ?? sku ?? "") };
  const l = view.listing;
  if (view.inventoryModel)
    return {
      ok: false,
      error: {
        code: 21919474,
        short: "This operation is not allowed for inventory items.",
        long: "Inventory-based listing management is not currently supported by this tool. Please refer to the tool used to create this listing.",
        params: [l.itemId],
      },
    };
  if (l.status !== "Active") return { ok: false, error: { code: 291, short: "Auction ended.", long: "You are not allowed to revise ended listings.", params: [l.itemId] } };
  let variation = null;
  if (l.variations.length) {
    if (!sku) return { ok: false, error: invalid("SKU", `Item ${l.itemId} has variations: name the variation by its SKU.`) };
    variation = findVariation(l, { sku }) ?? null;
    if (!variation) return { ok: false, error: invalid("SKU", `Item ${l.itemId} has no variation with SKU ${sku}.`) };
  } else if (sku && l.sku !== sku) return { ok: false, error: invalid("SKU", `SKU ${sku} does not belong to item ${l.itemId}.`) };
  const price = text(child(status, "StartPrice")?.["#text"]) ?? text(status.StartPrice);
  if (price !== undefined) {
    if (!(Number(price) > 0)) return { ok: false, error: invalid("StartPrice", "The price must be above 0.") };
    if (variation) variation.price = Number(price).toFixed(2);
    else l.price = Number(price).toFixed(2);
  }
  if (quantity !== undefined) setTradingAvailable(sb, seller, l, variation, quantity);
  const available = variation ? variation.quantity - variation.quantitySold : l.quantity - l.quantitySold;
  return {
    ok: true,
    node: {
      ItemID: l.itemId,
      ...(sku ? { SKU: sku } : {}),
      StartPrice: { "#text": variation?.price ?? l.price, "@_currencyID": l.currency },
      Quantity: String(Math.max(0, available)),
    },
  };
}

/**
 * Up to 4 InventoryStatus containers, each applied on its own: the answer lists the ones
 * that were revised and an error (with the item id as parameter) for each refused one.
 */
const ReviseInventoryStatus: TradingHandler = ({ sb, seller, request, callName }) => {
  const now = nowMs(sb.state);
  const statuses = children(request, "InventoryStatus");
  if (statuses.length === 0) return tradingFailure(callName, now, invalid("InventoryStatus", "At least one InventoryStatus is required."));
  if (statuses.length > MAX_REVISE_STATUSES)
    return tradingFailure(callName, now, invalid("InventoryStatus", `At most ${MAX_REVISE_STATUSES} InventoryStatus containers are allowed per call.`));
  if (!sb.tradingLimiter.takeRevise(seller.username, now))
    return tradingFailure(callName, now, {
      code: 21919144,
      short: "Maximum call limit exceeded.",
      long: "You have exceeded your maximum call limit for ReviseInventoryStatus (6,000 calls in 15 seconds). Try again after 15 seconds.",
    });
  const outcomes = statuses.map((s) => reviseOne(sb, seller, s));
  const revised = outcomes.flatMap((o) => (o.ok ? [o.node] : []));
  const errors = outcomes.flatMap((o) => (o.ok ? [] : [o.error]));
  sb.changed();
  return tradingResponse(callName, now, revised.length ? { InventoryStatus: revised } : {}, errors);
};

const GetUserPreferences: TradingHandler = ({ sb, seller, request, callName }) => {
  const now = nowMs(sb.state);
  return tradingResponse(callName, now, bool(request.ShowOutOfStockControlPreference) ? { OutOfStockControlPreference: String(outOfStockControl(seller)) } : {});
};

const SetUserPreferences: TradingHandler = ({ sb, seller, request, callName }) => {
  const now = nowMs(sb.state);
  const value = text(request.OutOfStockControlPreference);
  if (value !== undefined) {
    if (!["true", "false"].includes(value.toLowerCase())) return tradingFailure(callName, now, invalid("OutOfStockControlPreference", "Use true or false."));
    seller.outOfStockControl = value.toLowerCase() === "true";
    sb.changed();
  }
  return tradingResponse(callName, now, {});
};

const GetApiAccessRules: TradingHandler = ({ sb, callName }) => {
  const now = nowMs(sb.state);
  const usage = sb.tradingLimiter.usage(now);
  const limit = sb.tradingLimiter.config.dailyPerCall;
  const rule = (name: string, used: number, daily: number) => ({
    CallName: name,
    CountsTowardAggregate: name === "ApplicationAggregate" ? "false" : "true",
    DailyHardLimit: String(daily),
    DailySoftLimit: String(daily),
    DailyUsage: String(used),
    HourlyHardLimit: String(daily),
    HourlySoftLimit: String(daily),
    HourlyUsage: "0",
    Period: "-1",
    PeriodicHardLimit: "0",
    PeriodicSoftLimit: "0",
    PeriodicUsage: "0",
    ModTime: new Date(now).toISOString(),
    RuleCurrentStatus: used >= daily ? "HourlyLimitExceeded" : "NotSet",
    RuleStatus: "RuleOn",
  });
  const total = usage.reduce((s, u) => s + u.used, 0);
  return tradingResponse(callName, now, {
    ApiAccessRule: [rule("ApplicationAggregate", total, limit * Math.max(1, usage.length)), ...usage.map((u) => rule(u.callName, u.used, u.limit))],
  });
};

/**
 * Platform notification preferences: ApplicationDeliveryPreferences (the app's URL, on or off)
 * and the seller's UserDeliveryPreferenceArray (events on or off). Only FixedPriceTransaction is sent.
 */
const SetNotificationPreferences: TradingHandler = ({ sb, seller, request, callName }) => {
  const now = nowMs(sb.state);
  const prefs = (sb.state.ebay.platformNotifications ??= { applicationUrl: null, enabled: false, events: {} });
  const app = child(request, "ApplicationDeliveryPreferences");
  if (app) {
    const url = text(app.ApplicationURL);
    if (url !== undefined && !/^https?:\/\//.test(url)) return tradingFailure(callName, now, invalid("ApplicationURL", "Use an http(s) URL."));
    if (url !== undefined) prefs.applicationUrl = url;
    const enable = text(app.ApplicationEnable);
    if (enable !== undefined) prefs.enabled = enable === "Enable";
  }
  const user = child(request, "UserDeliveryPreferenceArray");
  const enables = user ? children(user, "NotificationEnable") : [];
  const events = new Set(prefs.events[seller.username] ?? []);
  for (const e of enables) {
    const type = text(e.EventType);
    const on = text(e.EventEnable);
    if (!type || (on !== "Enable" && on !== "Disable")) return tradingFailure(callName, now, invalid("NotificationEnable", "Each needs an EventType and EventEnable (Enable or Disable)."));
    if (on === "Enable") events.add(type);
    else events.delete(type);
  }
  prefs.events[seller.username] = [...events];
  sb.changed();
  return tradingResponse(callName, now, {});
};

export const tradingCalls: Record<string, TradingHandler> = {
  SetNotificationPreferences,
  GetMyeBaySelling,
  GetItem,
  GetSellerList,
  ReviseInventoryStatus,
  GetUserPreferences,
  SetUserPreferences,
  GetApiAccessRules,
};
