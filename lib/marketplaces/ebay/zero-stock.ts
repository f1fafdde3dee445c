// What Stockroom may send eBay when a product's target reaches 0. Without the seller's
// out-of-stock control setting, eBay ENDS a fixed-price listing at quantity 0 (losing its
// search rank and watchers) and a restock cannot bring it back; with it, the listing
// stays, hidden, until restocked. So 0 is only sent when it is safe or the seller chose it.
// ../shared/docs/marketplaces.md ("2026 changes", eBay).

/** The organization's choice for listings without out-of-stock control; "ask" until they choose. */
export const ZERO_STOCK_POLICIES = ["ask", "keep_one", "end"] as const;
export type ZeroStockPolicy = (typeof ZERO_STOCK_POLICIES)[number];

export type ZeroStockContext = { outOfStockControl: boolean | null; policy: ZeroStockPolicy };

export type ZeroStockDecision = { send: number; heldAtOne?: true } | { refuse: string };

export const ASK_MESSAGE =
  "Sold out here, but eBay would end this listing at 0 (out-of-stock control is off) and it could not come back after a restock. Choose what Stockroom should do on the eBay card of the Connections page.";

export function zeroStockDecision(target: number, ctx: ZeroStockContext): ZeroStockDecision {
  if (target > 0 || ctx.outOfStockControl === true || ctx.policy === "end") return { send: Math.max(0, target) };
  if (ctx.policy === "keep_one") return { send: 1, heldAtOne: true };
  return { refuse: ASK_MESSAGE };
}
