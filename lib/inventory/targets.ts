// Pure decisions about what a channel should show and how to read what it shows.
// No I/O: every function here is table-tested in tests/unit/inventory-targets.test.ts.

/** What every linked channel item should show: the stock we have minus what is held back. */
export function stockTarget(onHand: number, reserve: number): number {
  return Math.max(0, onHand - reserve);
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
}): OpeningDecision {
  const target = stockTarget(input.onHand, input.reserve);
  if (input.channelQuantity === target) return { kind: "agree" };
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
