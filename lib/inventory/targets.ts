// Pure decisions about what a channel should show and how to read what it shows.
// No I/O: every function here is table-tested (tests/unit/sync-logic.test.ts, quantity-rules.test.ts).
import type { QuantityRule } from "./quantity-rules";

/** What the channels may sell between them: the stock we have minus what is held back from all. */
export function availableStock(onHand: number, reserve: number): number {
  return Math.max(0, onHand - reserve);
}

/**
 * What one channel item should show: the product's available stock with the item's rule applied
 * (its own, else its channel's: quantity-rules.ts effectiveRule). A rule only ever lowers what
 * shows, never above what is available. null: "don't sync", Stockroom never writes this item.
 * lib/inventory/target-sql.ts computes the same in SQL; tests check the two agree.
 */
export function channelTarget(onHand: number, reserve: number, rule: QuantityRule): number | null {
  const available = availableStock(onHand, reserve);
  const n = rule.value ?? 0;
  switch (rule.kind) {
    case "none":
      return available;
    case "buffer":
      return Math.max(0, available - n);
    // A maximum caps; a fixed quantity shows n while n are available. Never inventing stock, both
    // come to the same number: they differ in what the seller means (made-to-order vs a cap).
    case "max":
    case "fixed":
      return Math.min(available, n);
    case "percent":
      return Math.floor((available * n) / 100);
    case "dont_sync":
      return null;
  }
}

export type OpeningDecision =
  /** The channel agrees with what we hold: nothing to record. */
  | { kind: "agree" }
  /** The product only has its opening balance and this channel holds fewer: lower it. */
  | { kind: "lower"; delta: number; note: string }
  /** The channel holds more (or the product already has history): keep ours, push it. */
  | { kind: "keep"; note: string };

/**
 * A channel item is linked to a product that already exists (another channel or the
 * seller created it). When both only know an opening quantity we take the lower one,
 * so nothing is oversold; once the product has history the ledger wins.
 */
export function openingDecision(input: {
  onHand: number;
  reserve: number;
  channelQuantity: number;
  onlyOpeningBalance: boolean;
  channelName: string;
  rule: QuantityRule;
}): OpeningDecision {
  const target = channelTarget(input.onHand, input.reserve, input.rule);
  // A "don't sync" item is read, never written: what it lists is the seller's business.
  if (target === null || input.channelQuantity === target) return { kind: "agree" };
  if (input.onlyOpeningBalance && input.channelQuantity < input.onHand) {
    return {
      kind: "lower",
      delta: input.channelQuantity - input.onHand,
      note: `${input.channelName} listed ${input.channelQuantity} while another channel listed ${input.onHand}: took the lower quantity.`,
    };
  }
  return {
    kind: "keep",
    note: `${input.channelName} listed ${input.channelQuantity}; Stockroom holds ${input.onHand} and will show ${target} there.`,
  };
}

export type ChannelEditPolicy = "accept" | "overwrite";

export type ReconcileDecision =
  | { kind: "none" }
  /** The seller changed the quantity on the channel: move our stock by the same amount. */
  | { kind: "accept"; delta: number; note: string }
  /** Stockroom is the source of truth: record the edit and push our value back. */
  | { kind: "overwrite"; note: string };

/**
 * Compares what a listings poll saw with what the channel should show given what we
 * last pushed (or saw) and the channel's own sales since. A difference no order
 * explains is an edit made on the channel.
 */
export function reconcileDecision(input: {
  seen: number;
  expected: number | null;
  /** When sales placed within a second of the read leave a range, its bottom (`expected` is its top). */
  expectedLow?: number;
  policy: ChannelEditPolicy;
  channelName: string;
}): ReconcileDecision {
  if (input.expected === null || input.seen === input.expected) return { kind: "none" };
  const low = input.expectedLow ?? input.expected;
  const from = low < input.expected ? `${low}–${input.expected}` : `${input.expected}`;
  const change = `${input.channelName} quantity changed from ${from} to ${input.seen} on the channel`;
  // Sized against the top of the range: the stock that results is the lower reading, so an ambiguity never invents units.
  const why = low < input.expected ? ` (sales placed within a second of the read may or may not be in it: the change that invents no stock)` : "";
  if (input.policy === "accept") return { kind: "accept", delta: input.seen - input.expected, note: `${change}: accepted${why}.` };
  return { kind: "overwrite", note: `${change}: Stockroom is the source of truth, pushed our quantity back.` };
}

/**
 * A stable SKU for a channel item that has none, so it can be linked by hand later.
 * Built from the listing and the variation, not the item id: Etsy renumbers a listing's
 * products on every inventory update.
 */
export function generatedSku(marketplace: string, listingExternalId: string, variation: string | null): string {
  const suffix = variation
    ? `-${variation
        .toUpperCase()
        .replace(/[^A-Z0-9]+/g, "-")
        .replace(/^-|-$/g, "")}`
    : "";
  return `${marketplace.toUpperCase()}-${listingExternalId}${suffix}`;
}
