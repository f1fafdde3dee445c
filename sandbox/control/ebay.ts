import { z } from "zod";
import type { Sandbox } from "../context";
import { sendAccountDeletion } from "../ebay/commerce";
import { presentItem, presentOffer } from "../ebay/present";
import { addItem, cancelOrder, createSeller, editItemQuantity, recordOrder, shipOrder } from "../ebay/seller";
import { json, noContent, type Handler, type Req, type Res } from "../http";
import { revokeSubject } from "../oauth/tokens";
import { generatedItems } from "../seed-data";
import type { EbayItem, EbaySeller } from "../state";
import { createTradingListing, outOfStockControl, tradingListingsOf } from "../ebay/trading/listings";
import { controlError, parseBody, quantity } from "./common";
import { tradingListingInput, tradingListingState } from "./ebay-trading";

const itemInput = z.object({ sku: z.string().min(1).max(50), title: z.string().min(1).max(80), quantity, price: z.number().positive() });

export const sellerInput = z.object({
  username: z.string().regex(/^[A-Za-z0-9._-]{2,64}$/, "2–64 letters, digits, dots, dashes or underscores"),
  /** Inventory-API items (published offers). */
  items: z.union([z.number().int().min(0).max(1000), z.array(itemInput)]).default(0),
  /** Seller Hub listings (Trading API model). */
  trading_listings: z.array(tradingListingInput).max(10_000).default([]),
  out_of_stock_control: z.boolean().default(true),
  /** getUser answers with the immutable user id only. */
  username_withheld: z.boolean().default(false),
});

export function seedSeller(sb: Sandbox, input: z.input<typeof sellerInput>): { username: string; user_id: string; skus: string[]; item_ids: string[] } | null {
  const v = sellerInput.parse(input);
  if (sb.state.ebay.sellers[v.username]) return null;
  const seller = createSeller(sb, v.username);
  seller.outOfStockControl = v.out_of_stock_control;
  if (v.username_withheld) seller.usernameWithheld = true;
  const items = typeof v.items === "number" ? generatedItems(v.items, Object.keys(sb.state.ebay.sellers).length) : v.items;
  const skus = items.map((i) => addItem(sb, seller, i).sku);
  const itemIds = v.trading_listings.map((l) => createTradingListing(sb, seller, l).itemId);
  return { username: seller.username, user_id: seller.userId, skus, item_ids: itemIds };
}

const withOffers = (item: EbayItem) => ({ ...presentItem(item), offers: item.offers.map((o) => presentOffer(item, o)) });

const asRes = <T>(r: T | { status: 400 | 404 | 409; message: string }, ok: (v: T) => Res): Res =>
  typeof r === "object" && r !== null && "status" in r && "message" in r ? controlError(r.status, r.message) : ok(r as T);

function sellerFrom(req: Req, username: string | null | undefined): EbaySeller | Res {
  if (!username) return controlError(400, "Pass the seller's username (?seller=...).");
  return req.sandbox.state.ebay.sellers[username] ?? controlError(404, `Seller ${username} not found.`);
}

export const createSellerRoute: Handler = (req) => {
  const body = parseBody(sellerInput, req);
  if (!body.ok) return body.res;
  const created = seedSeller(req.sandbox, body.value);
  return created ? json(201, created) : controlError(409, `Seller ${body.value.username} already exists.`);
};

export const listSellersRoute: Handler = (req) =>
  json(
    200,
    Object.values(req.sandbox.state.ebay.sellers).map((s) => ({
      username: s.username,
      userId: s.userId,
      out_of_stock_control: outOfStockControl(s),
      items: Object.values(s.items).sort((a, b) => a.seq - b.seq).map(withOffers),
      trading_listings: tradingListingsOf(req.sandbox, s.username).map((l) => tradingListingState(s, l)),
    })),
  );

// An Inventory-model item by sku, or a Seller Hub listing by item_id (with the variation's sku or specifics).
const orderInput = z
  .object({ sku: z.string().min(1).optional(), item_id: z.string().regex(/^\d+$/).optional(), specifics: z.record(z.string(), z.string()).optional(), quantity: z.number().int().min(1) })
  .refine((v) => v.sku !== undefined || v.item_id !== undefined, { message: "pass sku or item_id", path: ["sku"] });

export const orderRoute: Handler = (req) => {
  const seller = sellerFrom(req, req.params.username);
  if ("status" in seller) return seller;
  const body = parseBody(orderInput, req);
  if (!body.ok) return body.res;
  return asRes(recordOrder(req.sandbox, seller, body.value), (r) => json(201, r));
};

export const cancelOrderRoute: Handler = (req) => asRes(cancelOrder(req.sandbox, req.params.order_id), () => json(200, { order_id: req.params.order_id, cancelState: "CANCELED" }));

export const shipOrderRoute: Handler = (req) => asRes(shipOrder(req.sandbox, req.params.order_id), () => json(200, { order_id: req.params.order_id, orderFulfillmentStatus: "FULFILLED" }));

export const editItemRoute: Handler = (req) => {
  const seller = sellerFrom(req, req.query.get("seller"));
  if ("status" in seller) return seller;
  const body = parseBody(z.object({ quantity }), req);
  if (!body.ok) return body.res;
  return asRes(editItemQuantity(req.sandbox, seller, req.params.sku, body.value.quantity), (item) => json(200, withOffers(item)));
};

export const getItemRoute: Handler = (req) => {
  const seller = sellerFrom(req, req.query.get("seller"));
  if ("status" in seller) return seller;
  const item = seller.items[req.params.sku];
  return item ? json(200, withOffers(item)) : controlError(404, `Seller ${seller.username} has no item with SKU ${req.params.sku}.`);
};

export const revokeEbayRoute: Handler = (req) => {
  const seller = sellerFrom(req, req.params.username);
  if ("status" in seller) return seller;
  revokeSubject(req.sandbox, "ebay", seller.username);
  return noContent();
};

const deletionInput = z.object({ username: z.string().min(1), endpoint: z.url() });

export const accountDeletionRoute: Handler = async (req) => {
  const body = parseBody(deletionInput, req);
  if (!body.ok) return body.res;
  const seller = req.sandbox.state.ebay.sellers[body.value.username];
  if (!seller) return controlError(404, `Seller ${body.value.username} not found.`);
  try {
    const answer = await sendAccountDeletion(req.sandbox, seller.username, seller.userId, body.value.endpoint);
    return json(200, answer);
  } catch (e) {
    return controlError(502, `Could not reach ${body.value.endpoint}: ${(e as Error).message}`);
  }
};
