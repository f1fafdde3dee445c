// Pure decisions for importing one page of listings: which stored item each channel
// item is, what it should hold afterwards, and which opening movements linking it by
// SKU records. No I/O: lib/inventory/import-page.ts loads the rows and writes the
// result in a few set-based statements; tests/unit/import-plan.test.ts covers it.
import type { PlannedLedgerMovement } from "./ledger";
import type { ChannelItem } from "@/db/schema";
import type { ChannelItemData, ListingWithItems } from "@/lib/marketplaces/types";
import type { Anchor, Window } from "./expectation";
import { effectiveRule, syncsQuantity, type QuantityRule, type RuleOverride } from "./quantity-rules";
import type { QuantityObservation } from "./reconcile";
import { generatedSku, openingDecision } from "./targets";

/** The columns an import writes on a channel item (new or stored). */
export type ItemState = Pick<
  ChannelItem,
  | "id"
  | "listingId"
  | "externalId"
  | "externalOfferId"
  | "sku"
  | "skuGenerated"
  | "title"
  | "variation"
  | "enabled"
  | "lastSeenQuantity"
  | "lastSeenAt"
  | "anchorQuantity"
  | "anchorFrom"
  | "anchorTo"
  | "agreedQuantity"
  | "agreedFrom"
  | "agreedTo"
  | "productId"
  | "pushStatus"
>;

export type PlannedItem = {
  state: ItemState;
  isNew: boolean;
  /** Linking by SKU is still to decide (new or unlinked item whose channel SKU is real). */
  link: { sku: string; seen: number; productTitle: string } | null;
  observation?: QuantityObservation;
  /** Read as expected: kept as the item's agreed read, the anchor unchanged. */
  agreed?: boolean;
  /** Read while its listing was off the shelf: nothing to judge. */
  offShelf?: boolean;
  /** The first read after the connection's anchors were reset: taken as the anchor, the target to push. */
  reanchored?: boolean;
  /** The stored item's own quantity rule (a new item has none: its channel's applies). */
  override?: RuleOverride;
};

/**
 * Matches each channel item to the stored item it is. Etsy gives a listing's products
 * new ids on every inventory update, so an unknown id is matched to the listing's item
 * with the same SKU (or the same variation) and takes the new id.
 */
export function planItems(
  marketplace: string,
  pages: { listingId: string; listing: ListingWithItems }[],
  stored: ChannelItem[],
  read: Window,
  newId: () => string,
  /** The connection's anchorsResetAt: an item anchored before it takes this read as its anchor, unjudged. */
  reanchorBefore: Date | null = null,
): PlannedItem[] {
  const byExternal = new Map(stored.map((r) => [r.externalId, r]));
  const incoming = new Set(pages.flatMap((p) => p.listing.items.map((i) => i.externalId)));
  const claimed = new Set<string>();
  const out: PlannedItem[] = [];
  for (const { listingId, listing } of pages) {
    for (const data of listing.items) {
      const skuGenerated = !data.sku?.trim();
      const sku = skuGenerated ? generatedSku(marketplace, listing.externalId, data.variation) : (data.sku ?? "").trim();
      let row = byExternal.get(data.externalId);
      if (!row) {
        // A stored item still known by its own id belongs to that id, not to this one.
        row = stored.find(
          (r) =>
            r.listingId === listingId &&
            !claimed.has(r.id) &&
            !incoming.has(r.externalId) &&
            (skuGenerated ? r.variation === data.variation : r.sku === sku),
        );
      }
      if (row && claimed.has(row.id)) row = undefined;
      if (row) claimed.add(row.id);
      out.push(planItem(data, { listingId, sku, skuGenerated, row, read, newId, reanchorBefore }));
    }
  }
  return out;
}

function planItem(
  data: ChannelItemData,
  c: { listingId: string; sku: string; skuGenerated: boolean; row: ChannelItem | undefined; read: Window; newId: () => string; reanchorBefore: Date | null },
): PlannedItem {
  // A disabled offering cannot be bought: the channel effectively shows zero.
  const seen = data.enabled ? data.quantity : 0;
  const link = c.skuGenerated ? null : { sku: c.sku, seen, productTitle: data.variation ? `${data.title} (${data.variation})` : data.title };
  const fromChannel = { listingId: c.listingId, externalId: data.externalId, externalOfferId: data.externalOfferId, title: data.title, variation: data.variation, enabled: data.enabled };
  // A read is a new item's anchor, and a stored item's when it differs from what we expected (judged later).
  const seenNow = { lastSeenQuantity: seen, lastSeenAt: c.read.from, anchorQuantity: seen, anchorFrom: c.read.from, anchorTo: c.read.to, agreedQuantity: null, agreedFrom: null, agreedTo: null };
  if (!c.row) {
    const state: ItemState = { id: c.newId(), ...fromChannel, ...seenNow, sku: c.sku, skuGenerated: c.skuGenerated, productId: null, pushStatus: "in_sync" };
    return { state, isNew: true, link };
  }
  const row = c.row;
  const override = { kind: row.quantityRule, value: row.quantityRuleValue };
  return { ...planStored(data, c, row, seen, link, fromChannel, seenNow), override };
}

function planStored(
  data: ChannelItemData,
  c: { sku: string; skuGenerated: boolean; read: Window; reanchorBefore: Date | null },
  row: ChannelItem,
  seen: number,
  link: PlannedItem["link"],
  fromChannel: Pick<ItemState, "listingId" | "externalId" | "externalOfferId" | "title" | "variation" | "enabled">,
  seenNow: Pick<ItemState, "lastSeenQuantity" | "lastSeenAt" | "anchorQuantity" | "anchorFrom" | "anchorTo" | "agreedQuantity" | "agreedFrom" | "agreedTo">,
): PlannedItem {
  const kept: ItemState = { ...pickState(row), ...fromChannel };
  if (!row.productId) {
    // Unlinked: take what the channel shows; a SKU added on the channel lets it link now.
    return c.skuGenerated ? { state: { ...kept, ...seenNow }, isNew: false, link: null } : { state: { ...kept, ...seenNow, sku: c.sku, skuGenerated: false }, isNew: false, link };
  }
  if (data.listed === false) {
    // Off the shelf (sold out, deactivated, ended): a sale racing our write can sell a listing out
    // under it, and a seller may take one down for a while. Neither is a stock edit: keep the
    // anchor and let the next push put the listing back (or leave it, at 0).
    const pushStatus = row.enabled ? "pending" : row.pushStatus;
    return { state: { ...kept, lastSeenAt: c.read.from, pushStatus }, isNew: false, link: null, offShelf: true };
  }
  const state = { ...kept, ...seenNow };
  if (c.reanchorBefore && previousAnchor(row, seen).from < c.reanchorBefore) {
    // The first read of another location (the seller moved Stockroom there): what it holds is
    // not an edit of what the old one held. It becomes the anchor, and the push sets the target.
    return { state: { ...state, pushStatus: "pending" }, isNew: false, link: null, reanchored: true };
  }
  if (row.lastSeenQuantity === seen && row.unsureUnits === 0) {
    // Agrees with what we expected, but orders placed before the read may not be imported
    // yet: the anchor stays until they are (settleAgreedReads in lib/inventory/reconcile.ts).
    return { state: { ...kept, lastSeenAt: c.read.from, agreedQuantity: seen, agreedFrom: c.read.from, agreedTo: c.read.to }, isNew: false, link: null, agreed: true };
  }
  // Decided once the orders placed before this read are in: a sale may explain the difference (lib/inventory/reconcile.ts).
  return { state, isNew: false, link: null, observation: { itemId: row.id, seen, read: c.read, prev: previousAnchor(row, seen) } };
}

/** The anchor a stored item had before this read (items stored before anchors existed fall back to their last read). */
export function previousAnchor(row: ChannelItem, seen: number): Anchor {
  return { quantity: row.anchorQuantity ?? row.lastSeenQuantity ?? seen, from: row.anchorFrom ?? row.lastSeenAt ?? row.createdAt, to: row.anchorTo ?? row.lastSeenAt ?? row.createdAt };
}

function pickState(r: ChannelItem): ItemState {
  const { id, listingId, externalId, externalOfferId, sku, skuGenerated, title, variation, enabled, lastSeenQuantity, lastSeenAt, anchorQuantity, anchorFrom, anchorTo, agreedQuantity, agreedFrom, agreedTo, productId, pushStatus } = r;
  return { id, listingId, externalId, externalOfferId, sku, skuGenerated, title, variation, enabled, lastSeenQuantity, lastSeenAt, anchorQuantity, anchorFrom, anchorTo, agreedQuantity, agreedFrom, agreedTo, productId, pushStatus };
}

/** A product as linking sees it, changed in place as the page's movements apply. */
export type LinkProduct = {
  id: string;
  onHand: number;
  reserve: number;
  /** Inserted by this page: its first linked item gives the opening balance. */
  created: boolean;
  /** Only import movements so far: a second channel may still lower the opening balance. */
  onlyOpeningBalance: boolean;
};

/** What the ledger appends (applyMovements); a link always says why. */
export type PlannedMovement = PlannedLedgerMovement & { note: string };

/**
 * Links the planned items to their products by SKU, in page order, as one item at a
 * time would: the first item of a new product opens it with the channel's quantity;
 * a later one (any channel) agrees, lowers a product that only has its opening
 * balance, or keeps ours and has every channel of the product pushed. Mutates the
 * items' productId/pushStatus and the products' onHand.
 * Returns the movements to append and the products whose other items must be pushed.
 */
export function planLinks(
  items: PlannedItem[],
  products: Map<string, LinkProduct>,
  existingKeys: Set<string>,
  channel: { name: string; rule: QuantityRule },
): { movements: PlannedMovement[]; pushAll: Set<string> } {
  const channelName = channel.name;
  const ruleOf = (it: PlannedItem) => effectiveRule(channel.rule, it.override);
  const movements: PlannedMovement[] = [];
  const pushAll = new Set<string>();
  const opened = new Set<string>();
  const markAll = (productId: string) => {
    pushAll.add(productId);
    for (const it of items) if (it.state.productId === productId) it.state.pushStatus = "pending";
  };
  for (const it of items) {
    if (!it.link) continue;
    const p = products.get(it.link.sku);
    if (!p) throw new Error(`No product row for SKU ${it.link.sku}.`);
    it.state.productId = p.id;
    const seen = it.link.seen;
    if (p.created && !opened.has(p.id)) {
      opened.add(p.id);
      p.onHand += seen;
      movements.push({ productId: p.id, delta: seen, onHandAfter: p.onHand, reason: "import", sourceKey: `import:${p.id}`, note: `Opening balance from ${channelName}.` });
      // The channel already shows the opening balance: nothing to push.
      it.state.pushStatus = "in_sync";
      continue;
    }
    const decision = openingDecision({ onHand: p.onHand, reserve: p.reserve, channelQuantity: seen, onlyOpeningBalance: p.onlyOpeningBalance, channelName, rule: ruleOf(it) });
    if (decision.kind === "agree") continue;
    const sourceKey = `import:${p.id}:${it.state.id}`;
    // A replayed import (the item was linked here before) records nothing twice.
    if (!existingKeys.has(sourceKey)) {
      const delta = decision.kind === "lower" ? decision.delta : 0;
      p.onHand += delta;
      movements.push({ productId: p.id, delta, onHandAfter: p.onHand, reason: "import", sourceKey, note: decision.note });
    }
    // Every channel of the product, this one included, must now show the agreed quantity.
    markAll(p.id);
  }
  // "Don't sync" items are read, never written: nothing of theirs waits for a push.
  for (const it of items) if (!syncsQuantity(ruleOf(it))) it.state.pushStatus = "in_sync";
  return { movements, pushAll };
}
