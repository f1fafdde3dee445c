import { describe, expect, it } from "vitest";
import type { ChannelItem } from "@/db/schema";
import { planItems, planLinks, type LinkProduct } from "@/lib/inventory/import-plan";
import { NO_RULE } from "@/lib/inventory/quantity-rules";
import type { ChannelItemData, ListingWithItems } from "@/lib/marketplaces/types";

const fetchedAt = new Date("2026-01-01T00:00:00Z");
const read = { from: new Date("2026-01-01T00:01:00Z"), to: new Date("2026-01-01T00:01:01Z") };
const ids = () => {
  let n = 0;
  return () => `new-${++n}`;
};
const item = (externalId: string, sku: string | null, quantity: number, extra: Partial<ChannelItemData> = {}): ChannelItemData => ({
  externalId,
  externalOfferId: null,
  sku,
  title: "Tee",
  variation: null,
  quantity,
  enabled: true,
  ...extra,
});
const listing = (externalId: string, items: ChannelItemData[]): ListingWithItems => ({ externalId, title: "Tee", state: "active", url: null, items });
const stored = (over: Partial<ChannelItem>): ChannelItem => ({
  id: "stored-1",
  orgId: "org",
  connectionId: "conn",
  listingId: "L-row",
  externalId: "old",
  externalOfferId: null,
  sku: "TEE-S",
  skuGenerated: false,
  title: "Tee",
  variation: "Size: S",
  productId: "prod-1",
  enabled: true,
  lastSeenQuantity: 3,
  unsureUnits: 0,
  lastSeenAt: null,
  anchorQuantity: 3,
  anchorFrom: fetchedAt,
  anchorTo: fetchedAt,
  agreedQuantity: null,
  agreedFrom: null,
  agreedTo: null,
  lastPushedQuantity: null,
  lastPushedAt: null,
  pushStatus: "in_sync",
  pushError: null,
  pushAttempts: 0,
  quantityRule: null,
  quantityRuleValue: null,
  createdAt: fetchedAt,
  updatedAt: fetchedAt,
  ...over,
});

describe("matching a page's items to stored items", () => {
  it("follows Etsy's renumbering by SKU, and by variation for an item without one", () => {
    const page = [{ listingId: "L-row", listing: listing("L", [item("new-id", "TEE-S", 3, { variation: "Size: S" }), item("new-m", null, 4, { variation: "Size: M" })]) }];
    const rows = [stored({}), stored({ id: "stored-2", externalId: "old-m", sku: "ETSY-L-SIZE-M", skuGenerated: true, variation: "Size: M", productId: null })];
    const planned = planItems("etsy", page, rows, read, ids());
    expect(planned.map((p) => [p.isNew, p.state.id, p.state.externalId])).toEqual([
      [false, "stored-1", "new-id"],
      [false, "stored-2", "new-m"],
    ]);
  });

  it("never gives one stored item to two channel items, nor takes one still known by its own id", () => {
    const twice = [{ listingId: "L-row", listing: listing("L", [item("x1", "TEE-S", 3), item("x2", "TEE-S", 3)]) }];
    expect(planItems("etsy", twice, [stored({})], read, ids()).map((p) => [p.state.externalId, p.isNew])).toEqual([
      ["x1", false],
      ["x2", true],
    ]);
    const ownId = [{ listingId: "L-row", listing: listing("L", [item("x1", "TEE-S", 3), item("old", "TEE-S", 3)]) }];
    expect(planItems("etsy", ownId, [stored({})], read, ids()).map((p) => [p.state.externalId, p.isNew])).toEqual([
      ["x1", true],
      ["old", false],
    ]);
  });

  it("reports a linked item whose quantity moved, to be judged against its old anchor, and a disabled offering as zero", () => {
    const page = [{ listingId: "L-row", listing: listing("L", [item("old", "TEE-S", 5, { enabled: false })]) }];
    const [p] = planItems("etsy", page, [stored({})], read, ids());
    expect(p.observation).toEqual({ itemId: "stored-1", seen: 0, read, prev: { quantity: 3, from: fetchedAt, to: fetchedAt } });
    // A read to judge is the item's new anchor: it is what the channel showed then.
    expect(p.state).toMatchObject({ lastSeenQuantity: 0, anchorQuantity: 0, anchorFrom: read.from, anchorTo: read.to, agreedQuantity: null });
  });

  it("keeps a read that agrees as the item's agreed read; the anchor stays until the orders before it are in", () => {
    const page = [{ listingId: "L-row", listing: listing("L", [item("old", "TEE-S", 3)]) }];
    const [p] = planItems("etsy", page, [stored({ lastSeenQuantity: 3 })], read, ids());
    expect(p.observation).toBeUndefined();
    expect(p.agreed).toBe(true);
    expect(p.state).toMatchObject({ anchorQuantity: 3, anchorFrom: fetchedAt, agreedQuantity: 3, agreedFrom: read.from, agreedTo: read.to });
  });
});

describe("linking a page's items to products", () => {
  const product = (over: Partial<LinkProduct>): LinkProduct => ({ id: "p1", onHand: 0, reserve: 0, created: true, onlyOpeningBalance: true, ...over });

  it("opens a new product once, then lowers it for a second listing with fewer, with exact on-hand after each movement", () => {
    const page = [
      { listingId: "A", listing: listing("A", [item("a", "MUG", 10)]) },
      { listingId: "B", listing: listing("B", [item("b", "MUG", 8)]) },
    ];
    const planned = planItems("etsy", page, [], read, ids());
    const { movements, pushAll } = planLinks(planned, new Map([["MUG", product({})]]), new Set(), { name: "Etsy (shop)", rule: NO_RULE });
    expect(movements.map((m) => [m.sourceKey, m.delta, m.onHandAfter])).toEqual([
      ["import:p1", 10, 10],
      ["import:p1:new-2", -2, 8],
    ]);
    expect(planned.map((p) => [p.state.productId, p.state.pushStatus])).toEqual([
      ["p1", "pending"],
      ["p1", "pending"],
    ]);
    expect([...pushAll]).toEqual(["p1"]);
  });

  it("records nothing twice for an item linked before, but still has the product pushed", () => {
    const page = [{ listingId: "L-row", listing: listing("L", [item("old", "TEE-S", 9)]) }];
    const planned = planItems("etsy", page, [stored({ productId: null })], read, ids());
    const p = product({ created: false, onHand: 4, onlyOpeningBalance: false });
    const { movements, pushAll } = planLinks(planned, new Map([["TEE-S", p]]), new Set(["import:p1:stored-1"]), { name: "Etsy (shop)", rule: NO_RULE });
    expect(movements).toEqual([]);
    expect(p.onHand).toBe(4);
    expect([...pushAll]).toEqual(["p1"]);
  });
});

describe("reading a channel again from scratch (the seller moved Stockroom to another stock location)", () => {
  const page = (quantity: number) => [{ listingId: "L-row", listing: listing("L", [item("old", "TEE-S", quantity, { variation: "Size: S" })]) }];
  const movedAt = new Date("2026-01-01T00:00:30Z");

  it.each([
    ["an item anchored before the move takes the read as its anchor, unjudged, and is to be pushed", fetchedAt, 9, { reanchored: true, observation: undefined, anchor: 9, push: "pending" }],
    ["an item anchored after the move is judged as usual", new Date("2026-01-01T00:00:40Z"), 9, { reanchored: undefined, observation: 9, anchor: 9, push: "in_sync" }],
  ] as const)("%s", (_case, anchorFrom, seen, want) => {
    const [p] = planItems("shopify", page(seen), [stored({ anchorFrom, anchorTo: anchorFrom })], read, ids(), movedAt);
    expect({ reanchored: p?.reanchored, observation: p?.observation?.seen, anchor: p?.state.anchorQuantity, push: p?.state.pushStatus }).toEqual(want);
  });

  it("without a move nothing changes: a read that agrees is kept as the agreed read", () => {
    const [p] = planItems("shopify", page(3), [stored({})], read, ids(), null);
    expect([p?.agreed, p?.reanchored, p?.state.anchorQuantity]).toEqual([true, undefined, 3]);
  });
});
