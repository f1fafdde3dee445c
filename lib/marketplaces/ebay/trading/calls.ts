import { z } from "zod";
import type { ApiSession } from "../../types";
import { assertSuccess, tradingCall } from "./transport";
import { readAnswer, type TradingEnvelope } from "./xml";

// The Trading calls Stockroom makes, with the parts of their answers we read.

const count = z.coerce.number().int().min(0);
const amount = z.union([z.string(), z.object({ "#text": z.string() }).passthrough()]).transform((v) => (typeof v === "string" ? v : v["#text"]));

const variationSchema = z
  .object({
    SKU: z.string().optional(),
    Quantity: count,
    StartPrice: amount.optional(),
    VariationSpecifics: z.object({ NameValueList: z.array(z.object({ Name: z.string(), Value: z.array(z.string()) })).default([]) }).optional(),
    SellingStatus: z.object({ QuantitySold: count.default(0) }).passthrough().optional(),
  })
  .passthrough();

export const tradingItemSchema = z
  .object({
    ItemID: z.string().regex(/^\d+$/),
    Title: z.string().default(""),
    SKU: z.string().optional(),
    Quantity: count,
    ListingType: z.string().optional(),
    ListingDetails: z.object({ ViewItemURL: z.string().optional(), EndTime: z.string().optional() }).passthrough().optional(),
    SellingStatus: z.object({ QuantitySold: count.default(0), ListingStatus: z.string().optional() }).passthrough().optional(),
    Variations: z.object({ Variation: z.array(variationSchema).default([]) }).passthrough().optional(),
  })
  .passthrough();
export type TradingItem = z.infer<typeof tradingItemSchema>;
export type TradingVariation = z.infer<typeof variationSchema>;

export const SELLING_PAGE_MAX = 200;

const sellingSchema = z.object({
  ActiveList: z
    .object({
      ItemArray: z.object({ Item: z.array(tradingItemSchema).default([]) }).optional(),
      PaginationResult: z.object({ TotalNumberOfPages: count, TotalNumberOfEntries: count }),
    })
    .optional(),
});

/** One page (1-based) of the seller's active listings, variations included. */
export async function getMyeBaySelling(session: ApiSession, page: number, perPage = SELLING_PAGE_MAX) {
  const answer = assertSuccess(
    await tradingCall(session, "GetMyeBaySelling", {
      ActiveList: { Include: "true", IncludeVariations: "true", Pagination: { EntriesPerPage: String(perPage), PageNumber: String(page) } },
      DetailLevel: "ReturnAll",
    }),
    "GetMyeBaySelling",
  );
  const list = readAnswer(sellingSchema, answer, "GetMyeBaySelling").ActiveList;
  return { items: list?.ItemArray?.Item ?? [], totalPages: list?.PaginationResult.TotalNumberOfPages ?? 0, total: list?.PaginationResult.TotalNumberOfEntries ?? 0 };
}

const sellerListSchema = z.object({
  ItemArray: z.object({ Item: z.array(tradingItemSchema).default([]) }).optional(),
  PaginationResult: z.object({ TotalNumberOfPages: count, TotalNumberOfEntries: count }),
});

/**
 * Listings that ended in the last `days` (GetSellerList by end time: an active GTC
 * listing's end time is its next renewal, so only ended ones fall before now).
 */
export async function getEndedListings(session: ApiSession, page: number, days: number, now = new Date()) {
  const from = new Date(now.getTime() - days * 86_400_000);
  const answer = assertSuccess(
    await tradingCall(session, "GetSellerList", {
      EndTimeFrom: from.toISOString(),
      EndTimeTo: now.toISOString(),
      GranularityLevel: "Coarse",
      Pagination: { EntriesPerPage: String(SELLING_PAGE_MAX), PageNumber: String(page) },
    }),
    "GetSellerList",
  );
  const list = readAnswer(sellerListSchema, answer, "GetSellerList");
  return { items: list.ItemArray?.Item ?? [], totalPages: list.PaginationResult.TotalNumberOfPages, total: list.PaginationResult.TotalNumberOfEntries };
}

/** One listing with its variations and ListingStatus (Active, or Completed/Ended once it ended). */
export async function getItem(session: ApiSession, itemId: string): Promise<TradingItem> {
  const answer = assertSuccess(await tradingCall(session, "GetItem", { ItemID: itemId, IncludeVariations: "true" }), "GetItem");
  return readAnswer(z.object({ Item: z.array(tradingItemSchema).length(1) }), answer, "GetItem").Item[0] as TradingItem;
}

export type InventoryStatusRequest = { itemId: string; sku?: string; quantity: number };

/** At most 4 statuses a call. Item-level refusals come back in the answer's Errors, not as a throw. */
export async function reviseInventoryStatus(session: ApiSession, statuses: InventoryStatusRequest[]): Promise<TradingEnvelope & { revised: { ItemID: string; SKU?: string; Quantity?: number }[] }> {
  const answer = await tradingCall(session, "ReviseInventoryStatus", {
    InventoryStatus: statuses.map((s) => ({ ItemID: s.itemId, ...(s.sku ? { SKU: s.sku } : {}), Quantity: String(s.quantity) })),
  });
  const revised = readAnswer(z.object({ InventoryStatus: z.array(z.object({ ItemID: z.string(), SKU: z.string().optional(), Quantity: count.optional() })).default([]) }), answer, "ReviseInventoryStatus");
  return { ...answer, revised: revised.InventoryStatus };
}

/** The seller's out-of-stock control setting (true: a listing at 0 stays, hidden; false: it ends). */
export async function getOutOfStockControl(session: ApiSession): Promise<boolean> {
  const answer = assertSuccess(await tradingCall(session, "GetUserPreferences", { ShowOutOfStockControlPreference: "true" }), "GetUserPreferences");
  return readAnswer(z.object({ OutOfStockControlPreference: z.enum(["true", "false"]).default("false") }), answer, "GetUserPreferences").OutOfStockControlPreference === "true";
}

export async function setOutOfStockControl(session: ApiSession, on: boolean): Promise<void> {
  assertSuccess(await tradingCall(session, "SetUserPreferences", { OutOfStockControlPreference: String(on) }), "SetUserPreferences");
}

const ruleSchema = z.object({ CallName: z.string(), DailyUsage: count, DailyHardLimit: count }).passthrough();
export type ApiAccessRule = { callName: string; dailyUsage: number; dailyLimit: number };

/** The application's Trading call usage today, per call name (ApplicationAggregate first). */
export async function getApiAccessRules(session: ApiSession): Promise<ApiAccessRule[]> {
  const answer = assertSuccess(await tradingCall(session, "GetApiAccessRules"), "GetApiAccessRules");
  return readAnswer(z.object({ ApiAccessRule: z.array(ruleSchema).default([]) }), answer, "GetApiAccessRules").ApiAccessRule.map((r) => ({
    callName: r.CallName,
    dailyUsage: r.DailyUsage,
    dailyLimit: r.DailyHardLimit,
  }));
}
