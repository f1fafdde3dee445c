// What a channel item shows, reasoned from facts with times. No I/O: table-tested in
// tests/unit/expectation.test.ts; lib/inventory/channel-state.ts loads and stores.
//
// The model. An *anchor* is the last absolute fact about an item's quantity on the
// channel: a read (the listing said 12) or a write of ours the channel confirmed (we set
// 12). Either happened somewhere inside the window of the HTTP call that carried it.
// The channel then moves by its own sales (−q at the order's placed time) and
// cancellations (+q when cancelled), so what it shows now is the anchor plus the events
// the anchor does not reflect. A sale placed before a confirmed write is *not* subtracted:
// the absolute write overwrote it (the ledger still counts it, so the next push lowers
// the channel). An event too close to an anchor to tell which came first (clocks differ,
// marketplaces stamp whole seconds) leaves a range instead of a number.
//
// A read that differs from the expectation is judged only once the orders placed before
// it are imported: then a difference no sale, cancellation or write of ours explains is
// an edit the seller made on the channel, and nothing else is.

/** Marketplaces stamp orders in whole seconds (Etsy): a stamp is up to this much before the event. */
export const STAMP_MS = 1_000;
/** Clock difference we allow between our clock and the marketplace's. */
export const SKEW_MS = 250;
/** Events older than this before an anchor's window are surely reflected in it. */
export const CLOCK_MARGIN_MS = STAMP_MS + SKEW_MS;

export type Window = { from: Date; to: Date };
export type Anchor = Window & { quantity: number };
/**
 * A change the channel made to its own quantity: a sale (−q, placed time) or a
 * cancellation (+q), at `at` by the marketplace's stamp or later. `until`, when known, is
 * a time on our own clock by which it had surely happened: when we first saw a
 * cancellation (Etsy leaves a receipt's modified time alone on cancellation), or a read
 * of ours that could only be explained with it.
 */
export type ChannelEvent = {
  at: Date;
  until?: Date;
  delta: number;
  /** The order line it came from, to record what a read proved about its time. */
  line?: { id: string; kind: "sale" | "cancel" };
};
export type Range = { low: number; high: number };

type Reflected = "yes" | "no" | "maybe";

/** Whether a fact established during `w` already includes an event. */
export function reflectedIn(e: Pick<ChannelEvent, "at" | "until">, w: Window): Reflected {
  // `until` is on our clock, like the window: no margin.
  if (e.until !== undefined && e.until.getTime() <= w.from.getTime()) return "yes";
  if (e.until === undefined && e.at.getTime() < w.from.getTime() - CLOCK_MARGIN_MS) return "yes";
  if (e.at.getTime() > w.to.getTime() + SKEW_MS) return "no";
  return "maybe";
}

function widen(range: Range, delta: number, certain: boolean): Range {
  if (certain) return { low: range.low + delta, high: range.high + delta };
  return { low: range.low + Math.min(0, delta), high: range.high + Math.max(0, delta) };
}

const floorAtZero = (r: Range): Range => ({ low: Math.max(0, r.low), high: Math.max(0, r.high) });

/** What the channel shows now: the anchor moved by every event it does not reflect. */
export function expectedNow(anchor: Anchor, events: ChannelEvent[]): Range {
  let range: Range = { low: anchor.quantity, high: anchor.quantity };
  for (const e of events) {
    const r = reflectedIn(e, anchor);
    if (r !== "yes") range = widen(range, e.delta, r === "no");
  }
  return floorAtZero(range);
}

/** What a read made during `read` should have shown, from an earlier anchor: the events after the anchor and before the read. */
export function expectedAtRead(anchor: Anchor, read: Window, events: ChannelEvent[]): Range {
  let range: Range = { low: anchor.quantity, high: anchor.quantity };
  for (const e of events) {
    const inAnchor = reflectedIn(e, anchor);
    const inRead = reflectedIn(e, read);
    if (inAnchor === "yes" || inRead === "no") continue;
    range = widen(range, e.delta, inAnchor === "no" && inRead === "yes");
  }
  return floorAtZero(range);
}

export type Observation = {
  seen: number;
  read: Window;
  /** The anchor the item had when it was read. */
  prev: Anchor;
  /** A write of ours that was sent but never settled (the process died): it may or may not have landed. */
  unsettledWrite: { quantity: number; sentAt: Date } | null;
};

export type ObservationVerdict =
  /** Sales, cancellations or our own write explain the read. */
  | { kind: "explained"; by: "anchor" | "write" }
  /** Something changed the quantity on the channel: the change that explains the read and adds the fewest units. */
  | { kind: "edit"; delta: number; expected: number; expectedLow: number };

export function judgeObservation(o: Observation, events: ChannelEvent[]): ObservationVerdict {
  const fits = (r: Range) => o.seen >= r.low && o.seen <= r.high;
  let ifWritten: Range | null = null;
  if (o.unsettledWrite) {
    // A write that landed replaced whatever came before it, at some time between sending and this read.
    const write: Anchor = { quantity: o.unsettledWrite.quantity, from: o.unsettledWrite.sentAt, to: o.read.from };
    ifWritten = expectedAtRead(write, o.read, events);
    if (fits(ifWritten)) return { kind: "explained", by: "write" };
  }
  const ifNot = expectedAtRead(o.prev, o.read, events);
  if (fits(ifNot)) return { kind: "explained", by: "anchor" };
  // Something else changed the channel: an edit, of one size if our write landed and another if
  // not. Where that (or sales too close to the read) leaves a range, the edit is sized against
  // its top: the stock that results is the lower reading, so an ambiguity never adds units.
  const expected = ifWritten ? { low: Math.min(ifWritten.low, ifNot.low), high: Math.max(ifWritten.high, ifNot.high) } : ifNot;
  return { kind: "edit", delta: o.seen - expected.high, expected: expected.high, expectedLow: expected.low };
}

/**
 * A listings read that agreed with the expectation when it was made, once the orders placed
 * before it are imported. If they show it disagreed (a sale and an edit on the channel that
 * cancel out look like agreement until the sale is imported), it is judged like any other
 * read. If it still agrees it becomes the anchor, unless the anchor tells what the channel
 * shows more exactly (a read made amid sales leaves a range; an earlier exact fact does not).
 */
export function settleAgreedRead(anchor: Anchor, read: Anchor, events: ChannelEvent[]): "judge" | "promote" | "drop" {
  const atRead = expectedAtRead(anchor, read, events);
  if (read.quantity < atRead.low || read.quantity > atRead.high) return "judge";
  const width = (r: Range) => r.high - r.low;
  return width(expectedNow(read, events)) <= width(expectedNow(anchor, events)) ? "promote" : "drop";
}

/**
 * Events a read proves came before it: it fits only if they did. A judgement that explains
 * a read by a sale or cancellation too close to it to order commits to that: later
 * judgements must count the event as in the read too, or the same units could explain two
 * readings (and hide an edit). It also pins down a cancellation's time, which Etsy does
 * not record, so anchors after the read count it exactly instead of leaving a range.
 */
export function eventsBeforeRead(o: Pick<Observation, "seen" | "read" | "prev">, events: ChannelEvent[]): ChannelEvent[] {
  const fits = (r: Range) => o.seen >= r.low && o.seen <= r.high;
  if (!fits(expectedAtRead(o.prev, o.read, events))) return [];
  return events.filter(
    (e) => reflectedIn(e, o.read) === "maybe" && reflectedIn(e, o.prev) !== "yes" && !fits(expectedAtRead(o.prev, o.read, events.filter((x) => x !== e))),
  );
}
