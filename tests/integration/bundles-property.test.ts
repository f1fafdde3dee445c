import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { rowsOf } from "@/db/sets";
import { bundleComponents, products, stockMovements } from "@/db/schema";
import { setBundleComponents } from "@/lib/inventory/bundles";
import { applyMovement } from "@/lib/inventory/ledger";
import { Invalid } from "@/lib/errors";
import { cancelKey, saleKey } from "@/lib/sync/import-orders";
import { createConnection, createOrg, createProduct, memberOf } from "../support/org-fixture";

// Property tests of bundles against the real ledger on the test database: whatever sequence of
// sales, replayed sales, cancellations, stock edits, reserve changes and component edits, every
// stocked product's on_hand is the sum of its movements, and every bundle's on_hand is exactly
// what its components allow (worked out here independently, from the rows as they are).

const LEAVES = 4;
const BUNDLES = 3;
const LINES = 5; // order lines are drawn from a small pool, so sales and cancellations replay

/** An order line: one product, a quantity; sold and cancelled (and replayed) as order import does. */
const line = fc.record({ product: fc.nat(LEAVES + BUNDLES - 1), quantity: fc.integer({ min: 1, max: 3 }) });
type Line = { id: string; product: number; quantity: number };

type Op =
  | { kind: "sale"; line: number }
  | { kind: "cancel"; line: number }
  | { kind: "edit"; leaf: number; delta: number }
  | { kind: "editBundle"; bundle: number; delta: number }
  | { kind: "reserve"; leaf: number; reserve: number }
  | { kind: "components"; bundle: number; parts: { part: number; quantity: number }[] };

// Products 0..LEAVES-1 are stocked; LEAVES.. are bundles. A bundle may contain stocked products
// and bundles of a lower index, so no sequence builds a cycle (cycles are refused elsewhere).
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("sale" as const), line: fc.nat(LINES - 1) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("cancel" as const), line: fc.nat(LINES - 1) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("edit" as const), leaf: fc.nat(LEAVES - 1), delta: fc.integer({ min: -5, max: 8 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("editBundle" as const), bundle: fc.nat(BUNDLES - 1), delta: fc.integer({ min: -3, max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("reserve" as const), leaf: fc.nat(LEAVES - 1), reserve: fc.nat(3) }) },
  {
    weight: 2,
    arbitrary: fc.nat(BUNDLES - 1).chain((bundle) =>
      fc.record({
        kind: fc.constant("components" as const),
        bundle: fc.constant(bundle),
        parts: fc.uniqueArray(fc.record({ part: fc.nat(LEAVES + bundle - 1), quantity: fc.integer({ min: 1, max: 3 }) }), { selector: (p) => p.part, maxLength: 3 }),
      }),
    ),
  },
);

async function world(lines: { product: number; quantity: number }[]) {
  const org = await createOrg("Property");
  const ctx = await memberOf(org.id, "owner");
  const conn = await createConnection(org.id, "etsy");
  const ids: string[] = [];
  for (let i = 0; i < LEAVES; i++) ids.push((await createProduct(org.id, { onHand: 6 + 3 * i })).id);
  for (let i = 0; i < BUNDLES; i++) ids.push((await createProduct(org.id)).id);
  // Start with one bundle of two stocked products, so sales of bundles happen from the first step.
  await setBundleComponents(ctx, {
    bundleId: ids[LEAVES],
    components: [
      { componentId: ids[0], quantity: 1 },
      { componentId: ids[1], quantity: 2 },
    ],
  });
  return { ctx, conn, ids, lines: lines.map((l): Line => ({ id: randomUUID(), ...l })) };
}

async function apply(w: Awaited<ReturnType<typeof world>>, o: Op) {
  const orgId = w.ctx.orgId;
  const actor = { type: "connection" as const, id: w.conn.id };
  if (o.kind === "sale") {
    const l = w.lines[o.line];
    await db.transaction((tx) => applyMovement(tx, { orgId, productId: w.ids[l.product], delta: -l.quantity, reason: "sale", sourceKey: saleKey(w.conn.id, l.id), actor }));
  } else if (o.kind === "cancel") {
    // As order import does: a line is cancelled only once its sale was counted.
    const l = w.lines[o.line];
    const [sold] = await db.select({ id: stockMovements.id }).from(stockMovements).where(eq(stockMovements.sourceKey, saleKey(w.conn.id, l.id)));
    if (!sold) return;
    await db.transaction((tx) =>
      applyMovement(tx, { orgId, productId: w.ids[l.product], delta: l.quantity, reason: "cancel", sourceKey: cancelKey(w.conn.id, l.id), reverses: saleKey(w.conn.id, l.id), actor }),
    );
  } else if (o.kind === "edit") {
    // A person's edit past zero is refused, as the ledger refuses it: nothing moves.
    await db
      .transaction((tx) => applyMovement(tx, { orgId, productId: w.ids[o.leaf], delta: o.delta, refuseNegative: true, reason: "manual", sourceKey: `manual:${randomUUID()}`, actor: { type: "system" } }))
      .catch((e: unknown) => {
        if (!(e instanceof Invalid)) throw e;
      });
  } else if (o.kind === "editBundle") {
    // A stock edit of a bundle is refused whenever the product is a bundle at that moment.
    const productId = w.ids[LEAVES + o.bundle];
    const bundle = (await db.select().from(bundleComponents).where(eq(bundleComponents.bundleId, productId))).length > 0;
    const edit = db.transaction((tx) => applyMovement(tx, { orgId, productId, delta: o.delta, reason: "manual", sourceKey: `manual:${randomUUID()}`, actor: { type: "system" } }));
    if (bundle) await expect(edit).rejects.toThrow("a bundle's stock comes from its components");
    else await edit;
  } else if (o.kind === "reserve") {
    await db.update(products).set({ reserve: o.reserve }).where(eq(products.id, w.ids[o.leaf]));
    const { refreshBundles } = await import("@/lib/inventory/bundle-stock");
    await db.transaction((tx) => refreshBundles(tx, orgId, [w.ids[o.leaf]]));
  } else {
    await setBundleComponents(w.ctx, { bundleId: w.ids[LEAVES + o.bundle], components: o.parts.map((p) => ({ componentId: w.ids[p.part], quantity: p.quantity })) });
  }
}

type State = { onHand: Map<string, number>; reserve: Map<string, number>; sums: Map<string, number>; parts: Map<string, { id: string; quantity: number }[]> };

async function readState(w: Awaited<ReturnType<typeof world>>): Promise<State> {
  const ps = await db.select().from(products).where(eq(products.orgId, w.ctx.orgId));
  const sums = rowsOf<{ id: string; sum: string | number }>(
    await db.execute(sql`select product_id as id, coalesce(sum(delta), 0) as sum from stock_movements where org_id = ${w.ctx.orgId} group by product_id`),
  );
  const bc = await db.select().from(bundleComponents).where(eq(bundleComponents.orgId, w.ctx.orgId));
  const parts = new Map<string, { id: string; quantity: number }[]>();
  for (const r of bc) parts.set(r.bundleId, [...(parts.get(r.bundleId) ?? []), { id: r.componentId, quantity: r.quantity }]);
  return {
    onHand: new Map(ps.map((p) => [p.id, p.onHand])),
    reserve: new Map(ps.map((p) => [p.id, p.reserve])),
    sums: new Map(sums.map((s) => [s.id, Number(s.sum)])),
    parts,
  };
}

/** Units of each stocked product one unit of `id` takes (nested bundles multiplied out). */
function needs(s: State, id: string, times = 1, out = new Map<string, number>()): Map<string, number> {
  const parts = s.parts.get(id);
  if (!parts) out.set(id, (out.get(id) ?? 0) + times);
  else for (const p of parts) needs(s, p.id, times * p.quantity, out);
  return out;
}

const available = (s: State, id: string) => Math.max(0, (s.onHand.get(id) ?? 0) - (s.reserve.get(id) ?? 0));

function checkInvariants(s: State, ids: string[]) {
  for (const id of ids) {
    const onHand = s.onHand.get(id) ?? 0;
    if (!s.parts.has(id)) {
      expect(onHand, "a stocked product's on_hand is the sum of its movements").toBe(s.sums.get(id) ?? 0);
      continue;
    }
    const need = needs(s, id);
    expect(onHand, "a bundle shows exactly what its components allow").toBe(Math.min(...[...need].map(([leaf, q]) => Math.floor(available(s, leaf) / q))));
    // Never more than any component allows: what is left of it, divided by what one bundle takes.
    for (const p of s.parts.get(id) ?? []) {
      if (!s.parts.has(p.id)) expect(onHand * p.quantity).toBeLessThanOrEqual(available(s, p.id));
      else expect(onHand * p.quantity).toBeLessThanOrEqual(s.onHand.get(p.id) ?? 0);
    }
  }
}

describe("bundles, property-based, on the real ledger", () => {
  it("any sequence of sales, replays, cancellations and edits keeps stocked on_hand = sum of movements and bundles = what their components allow", { timeout: 240_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: LINES, maxLength: LINES }), fc.array(op, { minLength: 1, maxLength: 14 }), async (lines, ops) => {
        const w = await world(lines);
        for (const o of ops) {
          await apply(w, o);
          checkInvariants(await readState(w), w.ids);
        }
      }),
      { numRuns: 15 },
    );
  });
});
